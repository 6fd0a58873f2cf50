package gr.accmr.hub.notice;

import java.util.Locale;
import java.util.Set;

/** Language tags as the hub stores them, and the writing direction of each language. */
public final class Languages {

    /** Languages written right to left: Arabic-script languages, Hebrew, Yiddish, Thaana, Syriac. */
    private static final Set<String> RIGHT_TO_LEFT =
            Set.of("ar", "fa", "ur", "ps", "ckb", "sd", "ug", "yi", "he", "dv", "syr", "prs");

    /**
     * ISO 639-2 codes (terminology and bibliographic) of languages that have a two-letter code:
     * {@code ara} → {@code ar}, {@code per} → {@code fa}. Codes without one ({@code ckb}) stay.
     */
    private static final java.util.Map<String, String> THREE_LETTER = threeLetterCodes();

    /**
     * Three-letter ISO 639-3 codes of languages without a two-letter one that partners write in:
     * Sorani and Kurmanji Kurdish, Dari, Syriac, Southern Pashto, Filipino, Cantonese, Tamazight.
     */
    private static final Set<String> THREE_LETTER_ONLY =
            Set.of("ckb", "kmr", "prs", "syr", "pbt", "fil", "yue", "zgh", "tzm", "kab", "sdh");

    /**
     * Every language the hub accepts: ISO 639-1 and the codes above. A tag outside it is refused,
     * never turned into a page, a folder or a feed: {@code zz}, {@code und} or {@code qaa} is no language.
     */
    private static final Set<String> KNOWN = known();

    private Languages() {}

    private static Set<String> known() {
        java.util.Set<String> known = new java.util.HashSet<>(Set.of(Locale.getISOLanguages()));
        known.addAll(Set.of("he", "yi", "id"));
        known.addAll(THREE_LETTER_ONLY);
        return Set.copyOf(known);
    }

    /** Whether a tag is one {@link #normalize} returns: a known language, already normalized. */
    public static boolean isNormalized(String tag) {
        return KNOWN.contains(tag) && !tag.equals("iw") && !tag.equals("ji") && !tag.equals("in");
    }

    private static java.util.Map<String, String> threeLetterCodes() {
        java.util.Map<String, String> codes = new java.util.HashMap<>();
        for (String two : Locale.getISOLanguages()) {
            try {
                codes.put(new Locale(two).getISO3Language(), two);
            } catch (java.util.MissingResourceException ignored) {
                // No three-letter code known for it.
            }
        }
        String[][] bibliographic = {
            {"alb", "sq"}, {"arm", "hy"}, {"baq", "eu"}, {"bur", "my"}, {"chi", "zh"}, {"cze", "cs"},
            {"dut", "nl"}, {"fre", "fr"}, {"geo", "ka"}, {"ger", "de"}, {"gre", "el"}, {"ice", "is"},
            {"mac", "mk"}, {"mao", "mi"}, {"may", "ms"}, {"per", "fa"}, {"rum", "ro"}, {"slo", "sk"},
            {"tib", "bo"}, {"wel", "cy"}
        };
        for (String[] code : bibliographic) {
            codes.put(code[0], code[1]);
        }
        return java.util.Map.copyOf(codes);
    }

    /**
     * Normalizes a BCP 47 tag to its primary language subtag in lower case ({@code en-us} → {@code
     * en}, {@code ar-SA} → {@code ar}, {@code uk-UK} → {@code uk}); legacy codes map to current ones
     * ({@code iw} → {@code he}). Partners tag by region so inconsistently that regions carry no
     * information we can use. An unknown language ({@code zz}, {@code und}) is refused.
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
        String mapped = primary.length() == 3 ? THREE_LETTER.getOrDefault(primary, primary) : primary;
        String current = switch (mapped) {
            case "iw" -> "he";
            case "ji" -> "yi";
            case "in" -> "id";
            // Not a language code, but what Greek sites write for Greek more often than not.
            case "gr" -> "el";
            default -> mapped;
        };
        if (!KNOWN.contains(current)) {
            throw new IllegalArgumentException("unknown language: " + tag);
        }
        return current;
    }

    /** {@code rtl} or {@code ltr} for a normalized tag. */
    public static String direction(String normalizedTag) {
        return RIGHT_TO_LEFT.contains(normalizedTag) ? "rtl" : "ltr";
    }
}
