package gr.accmr.hub.normalize.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdom2.Content;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.Text;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;

/**
 * What an entry carries where Rome does not look or does not read it well: Dublin Core's title and
 * description (feeds that put everything in {@code dc:}), the full text in {@code xhtml:body} or
 * the old {@code fullitem}, and Atom content in XHTML, XML or Base64. Read from the entry's XML as found; any HTML still goes through the sanitizer.
 */
final class FeedExtensions {

    static final Namespace DUBLIN_CORE = Namespace.getNamespace("http://purl.org/dc/elements/1.1/");
    static final Namespace XHTML = Namespace.getNamespace("http://www.w3.org/1999/xhtml");
    static final Namespace ATOM = Namespace.getNamespace("http://www.w3.org/2005/Atom");

    /** HTML elements that never have content: written empty, every other one with its end tag. */
    private static final Set<String> VOID_ELEMENTS = Set.of(
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
            "wbr");

    private FeedExtensions() {}

    /** The Dublin Core title, as HTML (RSS titles are HTML in practice). */
    static @Nullable String title(Element entry) {
        return nonBlank(entry.getChildText("title", DUBLIN_CORE));
    }

    /** The entry's full text in an extension: {@code xhtml:body}, else {@code fullitem} (escaped HTML). */
    static @Nullable String fullText(Element entry) {
        Element body = entry.getChild("body", XHTML);
        if (body != null) {
            return nonBlank(xhtml(body.getContent()));
        }
        for (Element child : entry.getChildren()) {
            if (child.getName().equals("fullitem")) {
                return nonBlank(child.getText());
            }
        }
        return null;
    }

    /**
     * An Atom 1.0 content that Rome does not read as it should, as HTML: inline XHTML or XML
     * (written as HTML, see {@link #xhtml}), and content of any other non-text media type, which
     * RFC 4287 (4.1.3.3) has Base64-encoded: decoded, and taken as plain text when it is UTF-8
     * text, else empty (a picture or a file has no text to show). None for text and HTML content,
     * which Rome reads, and for out-of-line content ({@code src}), which has no text here.
     */
    static @Nullable String atomContent(Element entry) {
        Element content = entry.getChild("content", ATOM);
        if (content == null || content.getAttribute("src") != null) {
            return null;
        }
        String type = content.getAttributeValue("type", "text").strip().toLowerCase(Locale.ROOT);
        if (type.equals("text") || type.equals("html") || type.startsWith("text/")) {
            return null;
        }
        if (type.equals("xhtml") || type.endsWith("+xml") || type.endsWith("/xml")) {
            return nonBlank(xhtml(content.getContent()));
        }
        try {
            byte[] decoded = Base64.getMimeDecoder().decode(content.getTextTrim());
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(decoded))
                    .toString();
            return text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')
                    ? ""
                    : HtmlUtils.htmlEscape(text.strip(), "UTF-8");
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return "";
        }
    }

    /** The Dublin Core description, as HTML. */
    static @Nullable String description(Element entry) {
        return nonBlank(entry.getChildText("description", DUBLIN_CORE));
    }

    /**
     * Inline XHTML as the HTML a sanitizer reads: the same elements without their namespace, so
     * that {@code <xhtml:p>} is a paragraph and not an unknown element, and with an end tag unless
     * void, since HTML reads {@code <iframe/>} or {@code <a/>} as an element that never ends.
     */
    static String xhtml(List<Content> content) {
        Element holder = new Element("div");
        for (Content node : content) {
            Content copy = node.clone();
            if (copy instanceof Element element) {
                dropNamespaces(element);
            }
            holder.addContent(copy);
        }
        StringBuilder html = new StringBuilder();
        XMLOutputter out = new XMLOutputter(Format.getRawFormat().setOmitDeclaration(true));
        for (Content node : holder.getContent()) {
            if (node instanceof Text text) {
                html.append(out.escapeElementEntities(text.getText()));
            } else if (node instanceof Element element) {
                html.append(out.outputString(element));
            } // comments and processing instructions are no text
        }
        return html.toString();
    }

    /**
     * The base URI of the relative references in an element, when {@code xml:base} sets one on it
     * or around it: each {@code xml:base} from the outermost in, resolved against the one outside
     * it and the first against the document's URL (XML Base, RFC 3986). None without any.
     */
    static @Nullable String base(Element element, @Nullable String documentUrl) {
        List<String> bases = new ArrayList<>();
        for (Element around = element; around != null; around = around.getParentElement()) {
            String base = around.getAttributeValue("base", Namespace.XML_NAMESPACE);
            if (base != null && !base.isBlank()) {
                bases.add(base.strip());
            }
        }
        if (bases.isEmpty()) {
            return null;
        }
        String base = documentUrl;
        for (int outermost = bases.size() - 1; outermost >= 0; outermost--) {
            base = resolve(base, bases.get(outermost));
        }
        return base;
    }

    /** A reference resolved against a base; as it is when either is no URI. */
    static @Nullable String resolve(@Nullable String base, @Nullable String reference) {
        if (base == null || reference == null) {
            return reference;
        }
        try {
            return new URI(base).resolve(new URI(reference.strip())).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return reference;
        }
    }

    private static void dropNamespaces(Element element) {
        element.setNamespace(Namespace.NO_NAMESPACE);
        if (element.getContentSize() == 0 && !VOID_ELEMENTS.contains(element.getName())) {
            element.addContent(new Text(""));
        }
        for (Namespace declared : List.copyOf(element.getAdditionalNamespaces())) {
            element.removeNamespaceDeclaration(declared);
        }
        element.getChildren().forEach(FeedExtensions::dropNamespaces);
    }

    private static @Nullable String nonBlank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
