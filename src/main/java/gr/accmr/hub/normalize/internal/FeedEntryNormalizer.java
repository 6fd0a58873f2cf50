package gr.accmr.hub.normalize.internal;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.notice.Translation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.input.SAXBuilder;
import org.jspecify.annotations.Nullable;

/** A single-entry RSS or Atom document, as ingest cuts it from a feed, to a notice draft. */
final class FeedEntryNormalizer implements SourceNormalizer {

    @Override
    public String contentType() {
        return RawHeaders.FEED_ENTRY;
    }

    @Override
    public Outcome normalize(RawRecord raw) {
        return new Outcome.Draft(draft(raw));
    }

    Notice draft(RawRecord raw) {
        Parsed parsed = parse(raw.bytes());
        SyndFeed feed = parsed.feed();
        if (feed.getEntries().size() != 1) {
            throw new IllegalArgumentException("expected exactly one feed entry, found "
                    + feed.getEntries().size());
        }
        SyndEntry entry = feed.getEntries().get(0);
        // RSS puts HTML in its descriptions whatever Rome calls their type; only Atom says "text".
        boolean rss = feed.getFeedType() != null && feed.getFeedType().startsWith("rss");
        // An xml:base around the entry or its text sets the base of their relative links.
        String entryBase = parsed.entry() == null ? null : FeedExtensions.base(parsed.entry(), raw.sourceUrl());
        String url = entryBase == null
                ? Fields.httpUrl(entry.getLink(), raw.sourceUrl())
                : Fields.httpUrl(FeedExtensions.resolve(entryBase, entry.getLink()));
        String title = title(entry, parsed, rss);
        Body body = body(entry, parsed, rss);
        String bodyBase = body.from() == null ? null : FeedExtensions.base(body.from(), raw.sourceUrl());
        String bodyHtml =
                HtmlSanitizer.sanitize(body.html(), bodyBase != null ? bodyBase : url != null ? url : raw.sourceUrl());
        String bodyText = PlainText.ofSanitized(bodyHtml);
        if (title.isEmpty() && bodyText.isEmpty()) {
            throw new IllegalArgumentException("feed entry has neither a title nor any text");
        }
        Fields.LanguageChoice choice = Fields.language(
                raw.declaredLanguage(), feed.getLanguage(), title + "\n" + bodyText, raw.defaultLanguage());
        String language = choice.tag();
        String summary = body.teaser() != null
                ? PlainText.summary(PlainText.ofSanitized(HtmlSanitizer.sanitize(body.teaser(), url)), language)
                : PlainText.summary(bodyText, language);
        Translation translation = Fields.translation(title, summary, bodyHtml, bodyText, choice, url);

        // Rome reads few date forms and drops the rest; the partner date reader knows more.
        Instant published = PartnerDates.parseLeniently(parsed.published(), Fields.PARTNER_ZONE);
        if (published == null) {
            published = instant(entry.getPublishedDate());
        }
        Instant updated = PartnerDates.parseLeniently(parsed.updated(), Fields.PARTNER_ZONE);
        if (updated == null) {
            updated = instant(entry.getUpdatedDate());
        }
        return raw.draft(
                Notice.Kind.of(raw.defaultKind()),
                published,
                updated,
                language,
                Map.of(language, translation),
                categories(entry),
                null,
                url == null ? List.of() : List.of(new Notice.Link(url, "alternate", null)),
                attachments(entry));
    }

    /**
     * One hardened parser per thread, reused: building Rome's SAX parser for every record cost
     * more than parsing the record. A DOCTYPE is refused, so no external entity and no entity
     * expansion can happen.
     */
    private static final ThreadLocal<SAXBuilder> PARSER = ThreadLocal.withInitial(() -> {
        SAXBuilder builder = new SAXBuilder();
        builder.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
        builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        builder.setExpandEntities(false);
        builder.setReuseParser(true);
        return builder;
    });

    private static final ThreadLocal<SyndFeedInput> ROME = ThreadLocal.withInitial(SyndFeedInput::new);

    /**
     * The feed as Rome reads it, the entry's date texts as the partner wrote them, and the entry
     * element itself for what Rome does not read.
     */
    private record Parsed(
            SyndFeed feed,
            @Nullable String published,
            @Nullable String updated,
            @Nullable Element entry) {}

    /**
     * The HTML of an entry's body, the shorter text beside it that makes its summary, if any, and
     * the element it came from (for its {@code xml:base}).
     */
    private record Body(
            String html, @Nullable String teaser, @Nullable Element from) {}

    private static final Namespace ATOM = Namespace.getNamespace("http://www.w3.org/2005/Atom");

    private static Parsed parse(byte[] bytes) {
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(bytes), true)) {
            Document document = PARSER.get().build(reader);
            Element entry = entryElement(document.getRootElement());
            String published = null;
            String updated = null;
            if (entry != null) {
                published = firstText(entry, "pubDate", Namespace.NO_NAMESPACE, "date", FeedExtensions.DUBLIN_CORE);
                published = published != null ? published : firstText(entry, "published", ATOM, null, null);
                updated = firstText(entry, "updated", ATOM, null, null);
            }
            return new Parsed(ROME.get().build(document), published, updated, entry);
        } catch (FeedException | IOException | JDOMException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a readable feed entry: " + e.getMessage(), e);
        }
    }

    /**
     * The one item or entry of the document, in whichever namespace its dialect puts it: a child of
     * the root (Atom, RSS 0.90 and 1.0) or of its channel (RSS 0.9x and 2.0).
     */
    private static @Nullable Element entryElement(Element root) {
        for (Element parent : List.of(root, channelOf(root))) {
            for (Element child : parent.getChildren()) {
                if (child.getName().equals("item") || child.getName().equals("entry")) {
                    return child;
                }
            }
        }
        return null;
    }

    private static Element channelOf(Element root) {
        for (Element child : root.getChildren()) {
            if (child.getName().equals("channel")) {
                return child;
            }
        }
        return root;
    }

    private static @Nullable String firstText(
            Element parent,
            String name,
            Namespace namespace,
            @Nullable String other,
            @Nullable Namespace otherNamespace) {
        String text = parent.getChildTextTrim(name, namespace);
        if ((text == null || text.isEmpty()) && other != null) {
            text = parent.getChildTextTrim(other, otherNamespace);
        }
        return text == null || text.isEmpty() ? null : text;
    }

    /** The entry's title as text; without one, its Dublin Core title. */
    private static String title(SyndEntry entry, Parsed parsed, boolean rss) {
        if (entry.getTitleEx() != null
                && entry.getTitleEx().getValue() != null
                && !entry.getTitleEx().getValue().isBlank()) {
            return PlainText.of(asHtml(entry.getTitleEx(), rss));
        }
        String dublinCore = parsed.entry() == null ? null : FeedExtensions.title(parsed.entry());
        return dublinCore == null ? "" : PlainText.of(dublinCore);
    }

    /**
     * The fullest text the entry has: its content (Atom's, or RSS's {@code content:encoded}), else
     * the full text of an extension ({@code xhtml:body}, {@code fullitem}), else its description,
     * else its Dublin Core description. A description beside a fuller text is its teaser.
     */
    private static Body body(SyndEntry entry, Parsed parsed, boolean rss) {
        Element element = parsed.entry();
        String description = entry.getDescription() == null
                        || entry.getDescription().getValue() == null
                        || entry.getDescription().getValue().isBlank()
                ? element == null ? null : FeedExtensions.description(element)
                : asHtml(entry.getDescription(), rss);
        String atomContent = element == null ? null : FeedExtensions.atomContent(element);
        if (atomContent != null && !atomContent.isBlank()) {
            return new Body(atomContent, description, child(element, "content"));
        }
        // Content without text (a Base64 picture) leaves the summary as the text; Rome would show the Base64.
        List<SyndContent> contents = atomContent == null ? entry.getContents() : List.of();
        for (SyndContent content : contents) {
            if (content.getValue() != null && !content.getValue().isBlank()) {
                return new Body(asHtml(content, rss), description, child(element, "content", "encoded"));
            }
        }
        String fullText = element == null ? null : FeedExtensions.fullText(element);
        if (fullText != null) {
            return new Body(fullText, description, element);
        }
        return new Body(description == null ? "" : description, null, child(element, "summary", "description"));
    }

    /** The entry's first child of one of these names, in any namespace; else the entry itself. */
    private static @Nullable Element child(@Nullable Element entry, String... names) {
        if (entry == null) {
            return null;
        }
        for (Element child : entry.getChildren()) {
            if (List.of(names).contains(child.getName())) {
                return child;
            }
        }
        return entry;
    }

    private static String asHtml(SyndContent content, boolean rss) {
        String type =
                content.getType() == null || rss ? "html" : content.getType().toLowerCase(Locale.ROOT);
        String value = content.getValue() == null ? "" : content.getValue();
        // Plain text must not be read as markup: escape it so "<" stays a character.
        return type.equals("text") || type.equals("text/plain")
                ? org.springframework.web.util.HtmlUtils.htmlEscape(value, "UTF-8")
                : value;
    }

    private static List<String> categories(SyndEntry entry) {
        Set<String> names = new LinkedHashSet<>();
        for (SyndCategory category : entry.getCategories()) {
            if (category.getName() != null && !category.getName().isBlank()) {
                names.add(category.getName().strip().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(names);
    }

    private static List<Notice.Attachment> attachments(SyndEntry entry) {
        List<Notice.Attachment> attachments = new ArrayList<>();
        for (SyndEnclosure enclosure : entry.getEnclosures()) {
            if (enclosure.getUrl() != null && !enclosure.getUrl().isBlank()) {
                attachments.add(new Notice.Attachment(
                        enclosure.getUrl(),
                        blankToNull(enclosure.getType()),
                        enclosure.getLength() > 0 ? enclosure.getLength() : null,
                        null));
            }
        }
        return attachments;
    }

    private static @Nullable Instant instant(@Nullable Date date) {
        return date == null ? null : date.toInstant();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
