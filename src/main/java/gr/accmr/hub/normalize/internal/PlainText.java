package gr.accmr.hub.normalize.internal;

import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;

/** Plain text and summaries derived from sanitized HTML. */
public final class PlainText {

    /** Summaries stop at the sentence boundary nearest below this many characters. */
    static final int SUMMARY_LENGTH = 280;

    private PlainText() {}

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0]+");

    /** Tags that join their neighbours; every other tag separates them. */
    private static final Set<String> INLINE_TAGS = Set.of(
            "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "dfn", "em", "font", "i", "kbd", "mark", "q", "s",
            "samp", "small", "span", "strike", "strong", "sub", "sup", "tt", "u", "var", "wbr");

    /**
     * Tags that stand on lines of their own: a paragraph, a list item or a row is its own line of
     * the text, so that "Bring your current card" and "Book an appointment first" do not run
     * together. Other tags (cells, images) separate their neighbours by a space.
     */
    private static final Set<String> BLOCK_TAGS = Set.of(
            "address",
            "article",
            "aside",
            "blockquote",
            "br",
            "caption",
            "dd",
            "details",
            "div",
            "dl",
            "dt",
            "figcaption",
            "figure",
            "footer",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "hr",
            "li",
            "main",
            "nav",
            "ol",
            "p",
            "pre",
            "section",
            "summary",
            "table",
            "tbody",
            "tfoot",
            "thead",
            "tr",
            "ul");

    /** Longer names are in neither set: no need to read them to the end. */
    private static final int MAX_TAG_NAME_LENGTH = 10;

    /** One sentence iterator per language, cloned for each use: building one reads the JDK's rule tables. */
    private static final Map<String, BreakIterator> SENTENCES = new ConcurrentHashMap<>();

    /** The text of any HTML fragment: entities decoded, whitespace collapsed, Unicode NFC. */
    public static String of(String html) {
        String text = Jsoup.parseBodyFragment(html).body().text();
        return Normalizer.normalize(WHITESPACE.matcher(text).replaceAll(" ").strip(), Normalizer.Form.NFC);
    }

    /**
     * Text that is text already (a Zendesk or pushed title, a JSON Feed summary): whitespace
     * collapsed, Unicode NFC; markup characters stay characters.
     */
    public static String ofText(String text) {
        return nfc(collapseWhitespace(text));
    }

    /**
     * The same for HTML that {@link HtmlSanitizer} wrote, without parsing it again: its output is
     * well formed, with every markup character in text and attributes escaped, so tags can be cut
     * out directly. Inline tags join their neighbours; block tags put what they hold on lines of
     * its own, one line break between blocks, white space collapsed within a line. About ten
     * times faster than a parse on a 4 KB body, which matters on the normalize stage's hot path.
     */
    public static String ofSanitized(String sanitizedHtml) {
        // A line break in the source is white space like any other: only block tags make lines.
        String text =
                cutTags(SOURCE_LINE_BREAK.matcher(cutTags(sanitizedHtml, true)).replaceAll(" "), false);
        return nfc(collapseLines(Parser.unescapeEntities(text, false)));
    }

    private static final Pattern SOURCE_LINE_BREAK = Pattern.compile("[\\n\\r\\f\\u000B]");

    /**
     * Cuts out inline tags, or replaces every tag with a line break (block tags) or a space: one
     * scan instead of a regular expression.
     */
    private static String cutTags(String html, boolean inlineOnly) {
        StringBuilder text = new StringBuilder(html.length());
        int copied = 0;
        for (int open = html.indexOf('<'); open >= 0; open = html.indexOf('<', open + 1)) {
            int end = html.indexOf('>', open + 1);
            if (end < 0) {
                break;
            }
            if (!inlineOnly || isTag(html, open + 1, end, INLINE_TAGS)) {
                text.append(html, copied, open)
                        .append(inlineOnly ? "" : isTag(html, open + 1, end, BLOCK_TAGS) ? "\n" : " ");
                copied = end + 1;
                open = end;
            }
        }
        return text.append(html, copied, html.length()).toString();
    }

    /** Whether the tag between these bounds (after "<", before ">") is one of these, in any letter case. */
    private static boolean isTag(String html, int start, int end, Set<String> names) {
        int nameStart = start < end && html.charAt(start) == '/' ? start + 1 : start;
        int nameEnd = nameStart;
        boolean ascii = true;
        while (nameEnd < end && isWordCharacter(html.codePointAt(nameEnd))) {
            ascii &= html.charAt(nameEnd) < 128;
            nameEnd += Character.charCount(html.codePointAt(nameEnd));
        }
        // Letter case is ignored for ASCII only: the Kelvin sign is no "k".
        return ascii
                && nameEnd - nameStart <= MAX_TAG_NAME_LENGTH
                && names.contains(html.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT));
    }

    /** A character that continues a tag name, as a regular expression's word boundary sees it. */
    private static boolean isWordCharacter(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || Character.getType(c) == Character.NON_SPACING_MARK;
    }

    /** Runs of whitespace (ASCII and no-break spaces) as one space, the ends stripped. */
    private static String collapseWhitespace(String text) {
        StringBuilder collapsed = new StringBuilder(text.length());
        boolean inWhitespace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean whitespace = c == ' ' || (c >= '\t' && c <= '\r') || c == '\u00A0';
            if (!whitespace) {
                collapsed.append(c);
            } else if (!inWhitespace) {
                collapsed.append(' ');
            }
            inWhitespace = whitespace;
        }
        return collapsed.toString().strip();
    }

    /** Each line with its white space collapsed, empty lines dropped, the lines joined by one line break. */
    private static String collapseLines(String text) {
        if (text.indexOf('\n') < 0) {
            return collapseWhitespace(text);
        }
        StringBuilder lines = new StringBuilder(text.length());
        for (String line : text.split("\n")) {
            String collapsed = collapseWhitespace(line);
            if (!collapsed.isEmpty()) {
                lines.append(lines.isEmpty() ? "" : "\n").append(collapsed);
            }
        }
        return lines.toString();
    }

    private static String nfc(String text) {
        return Normalizer.isNormalized(text, Normalizer.Form.NFC)
                ? text
                : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /**
     * Up to {@value #SUMMARY_LENGTH} characters on one line, cut at the last sentence boundary that
     * fits; at a word boundary with an ellipsis when the first sentence alone is too long.
     */
    public static String summary(String text, String language) {
        return shortened(collapseWhitespace(text), language);
    }

    /**
     * A title for an item that has none: the summary of the first line of its text, so that a
     * heading or a first list item does not run into what follows it.
     */
    public static String headline(String text, String language) {
        int lineEnd = text.indexOf('\n');
        return summary(lineEnd < 0 ? text : text.substring(0, lineEnd), language);
    }

    private static String shortened(String text, String language) {
        if (text.length() <= SUMMARY_LENGTH) {
            return text;
        }
        BreakIterator sentences = (BreakIterator) SENTENCES
                .computeIfAbsent(language, tag -> BreakIterator.getSentenceInstance(Locale.forLanguageTag(tag)))
                .clone();
        sentences.setText(text);
        int end = sentences.preceding(SUMMARY_LENGTH + 1);
        if (end > SUMMARY_LENGTH / 3) {
            return text.substring(0, end).strip();
        }
        int space = text.lastIndexOf(' ', SUMMARY_LENGTH - 1);
        return text.substring(0, space > 0 ? space : SUMMARY_LENGTH - 1).strip() + "…";
    }
}
