package gr.accmr.hub.normalize.internal;

import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.Locale;
import org.jsoup.Jsoup;

/** Plain text and summaries derived from sanitized HTML. */
public final class PlainText {

    /** Summaries stop at the sentence boundary nearest below this many characters. */
    static final int SUMMARY_LENGTH = 280;

    private PlainText() {}

    /** The text of an HTML fragment: entities decoded, whitespace collapsed, Unicode NFC. */
    public static String of(String html) {
        String text = Jsoup.parseBodyFragment(html).body().text();
        return Normalizer.normalize(text.replaceAll("\\s+", " ").strip(), Normalizer.Form.NFC);
    }

    /**
     * Up to {@value #SUMMARY_LENGTH} characters, cut at the last sentence boundary that fits; at a
     * word boundary with an ellipsis when the first sentence alone is too long.
     */
    public static String summary(String text, String language) {
        if (text.length() <= SUMMARY_LENGTH) {
            return text;
        }
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.forLanguageTag(language));
        sentences.setText(text);
        int end = sentences.preceding(SUMMARY_LENGTH + 1);
        if (end > SUMMARY_LENGTH / 3) {
            return text.substring(0, end).strip();
        }
        int space = text.lastIndexOf(' ', SUMMARY_LENGTH - 1);
        return text.substring(0, space > 0 ? space : SUMMARY_LENGTH - 1).strip() + "…";
    }
}
