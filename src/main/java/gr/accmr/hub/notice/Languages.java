package gr.accmr.hub.notice;

import java.util.Locale;
import java.util.Set;

/** Language tags as the hub stores them, and the writing direction of each language. */
public final class Languages {

    /** Languages written right to left: Arabic-script languages, Hebrew, Yiddish, Thaana, Syriac. */
    private static final Set<String> RIGHT_TO_LEFT =
            Set.of("ar", "fa", "ur", "ps", "ckb", "sd", "ug", "yi", "he", "dv", "syr", "prs");

    private Languages() {}

    /**
     * Normalizes a BCP 47 tag to its primary language subtag in lower case ({@code en-us} → {@code
     * en}, {@code ar-SA} → {@code ar}, {@code uk-UK} → {@code uk}); legacy codes map to current ones
     * ({@code iw} → {@code he}). Partners tag by region so inconsistently that regions carry no
     * information we can use.
     */
    public static String normalize(String tag) {
        String trimmed = tag.strip().replace('_', '-');
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty language tag");
        }
        String primary = trimmed.split("-", 2)[0].toLowerCase(Locale.ROOT);
        if (!primary.matches("[a-z]{2,3}")) {
            throw new IllegalArgumentException("not a language tag: " + tag);
        }
        return switch (primary) {
            case "iw" -> "he";
            case "ji" -> "yi";
            case "in" -> "id";
            case "gre", "ell" -> "el";
            default -> primary;
        };
    }

    /** {@code rtl} or {@code ltr} for a normalized tag. */
    public static String direction(String normalizedTag) {
        return RIGHT_TO_LEFT.contains(normalizedTag) ? "rtl" : "ltr";
    }
}
