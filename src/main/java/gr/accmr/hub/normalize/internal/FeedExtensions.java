package gr.accmr.hub.normalize.internal;

import java.util.List;
import org.jdom2.Content;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.Text;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import org.jspecify.annotations.Nullable;

/**
 * What an entry carries in the extensions Rome leaves aside: Dublin Core's title and description
 * (feeds that put everything in {@code dc:}), and the full text in {@code xhtml:body} or the old
 * {@code fullitem}. Read from the entry's XML as found; any HTML still goes through the sanitizer.
 */
final class FeedExtensions {

    static final Namespace DUBLIN_CORE = Namespace.getNamespace("http://purl.org/dc/elements/1.1/");
    static final Namespace XHTML = Namespace.getNamespace("http://www.w3.org/1999/xhtml");

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

    /** The Dublin Core description, as HTML. */
    static @Nullable String description(Element entry) {
        return nonBlank(entry.getChildText("description", DUBLIN_CORE));
    }

    /**
     * Inline XHTML as the HTML a sanitizer reads: the same elements without their namespace, so
     * that {@code <xhtml:p>} is a paragraph and not an unknown element.
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

    private static void dropNamespaces(Element element) {
        element.setNamespace(Namespace.NO_NAMESPACE);
        for (Namespace declared : List.copyOf(element.getAdditionalNamespaces())) {
            element.removeNamespaceDeclaration(declared);
        }
        element.getChildren().forEach(FeedExtensions::dropNamespaces);
    }

    private static @Nullable String nonBlank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
