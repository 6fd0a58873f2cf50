package gr.accmr.hub.fanout.archive;

/**
 * Folds the spellings of Arabic-script text that readers treat as the same word, before it is
 * indexed and before a query is parsed, so Arabic, Farsi and Urdu searches find each other's
 * keyboard variants. PostgreSQL's {@code unaccent} folds nothing in this script.
 *
 * <ul>
 *   <li>Farsi yeh {@code ی}, alef maksura {@code ى} and yeh with hamza {@code ئ} → Arabic yeh {@code ي};
 *   <li>Farsi/Urdu keheh {@code ک} → Arabic kaf {@code ك};
 *   <li>alef with hamza or madda {@code أ إ آ ٱ} → bare alef {@code ا}; waw with hamza {@code ؤ} → {@code و};
 *   <li>teh marbuta {@code ة}, Urdu heh goal {@code ہ}, heh doachashmee {@code ھ} and {@code ۀ} → heh {@code ه};
 *   <li>tatweel {@code ـ}, harakat and Quranic marks (U+064B–U+065F, U+0670, U+06D6–U+06ED), and
 *       the zero-width non-joiner of Farsi are removed;
 *   <li>Arabic-Indic and Extended Arabic-Indic digits → ASCII digits.
 * </ul>
 *
 * Every other character, Greek and Latin included, is left as it is.
 */
final class ArabicScriptFolding {

    private ArabicScriptFolding() {}

    static String fold(String text) {
        StringBuilder folded = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char f = fold(c);
            if (f != c && folded == null) {
                // Most text has nothing to fold: copy only once something changes.
                folded = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (folded != null && f != REMOVED) {
                folded.append(f);
            }
        }
        return folded == null ? text : folded.toString();
    }

    private static final char REMOVED = '\uFFFF';

    private static char fold(char c) {
        if (c < '\u0600' && c != '\u200C') {
            return c;
        }
        return switch (c) {
            case '\u06CC', '\u0649', '\u0626' -> '\u064A';
            case '\u06A9', '\u06AA' -> '\u0643';
            case '\u0623', '\u0625', '\u0622', '\u0671' -> '\u0627';
            case '\u0624' -> '\u0648';
            case '\u0629', '\u06C1', '\u06BE', '\u06C0' -> '\u0647';
            case '\u0640', '\u0670', '\u200C' -> REMOVED;
            default -> {
                if ((c >= '\u064B' && c <= '\u065F') || (c >= '\u06D6' && c <= '\u06ED')) {
                    yield REMOVED;
                }
                if (c >= '\u0660' && c <= '\u0669') {
                    yield (char) ('0' + (c - '\u0660'));
                }
                if (c >= '\u06F0' && c <= '\u06F9') {
                    yield (char) ('0' + (c - '\u06F0'));
                }
                yield c;
            }
        };
    }
}
