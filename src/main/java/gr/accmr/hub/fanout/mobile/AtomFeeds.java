package gr.accmr.hub.fanout.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import org.jspecify.annotations.Nullable;

/**
 * Atom 1.0 (RFC 4287) pages of a feed, made from the same stored items as the JSON Feed, with the
 * paging links of RFC 5005 ({@code self}, {@code first}, {@code next}). Written with Rome; the
 * feed's and the entries' {@code xml:lang}, which Rome does not write, are set on its JDOM output.
 */
final class AtomFeeds {

    /** Atom ids must be IRIs; notice ids ({@code partner:externalId}) are not, this prefix makes them URNs. */
    static final String ENTRY_ID_PREFIX = "urn:accmr:notice:";

    /** Category schemes of the notice's kind and urgency, beside its plain categories. */
    static final String KIND_SCHEME = "urn:accmr:kind";

    static final String URGENCY_SCHEME = "urn:accmr:urgency";

    private AtomFeeds() {}

    /**
     * @param firstUrl the first page with the request's filters, also the feed's id
     * @param updated when the feed last changed; {@code null} for one that never had items
     */
    static byte[] page(
            String language,
            String selfUrl,
            String firstUrl,
            @Nullable String nextUrl,
            @Nullable Instant updated,
            List<JsonNode> items) {
        Feed feed = new Feed("atom_1.0");
        feed.setId(firstUrl);
        feed.setTitle(JsonFeedItems.title(language));
        feed.setSubtitle(text(JsonFeedItems.DESCRIPTION));
        feed.setUpdated(Date.from(updated != null ? updated : Instant.EPOCH));
        feed.setAuthors(List.of(person("ACCMR")));
        List<Link> links = new ArrayList<>(List.of(page("self", selfUrl), page("first", firstUrl)));
        if (nextUrl != null) {
            links.add(page("next", nextUrl));
        }
        feed.setOtherLinks(links);
        feed.setEntries(items.stream().map(AtomFeeds::entry).toList());
        try {
            Document document = new WireFeedOutput().outputJDom(feed);
            // Rome's Atom generator keeps the feed's language to itself; xml:lang is how Atom says it.
            document.getRootElement().setAttribute("lang", language, Namespace.XML_NAMESPACE);
            Namespace atom = document.getRootElement().getNamespace();
            List<Element> entries = document.getRootElement().getChildren("entry", atom);
            for (int i = 0; i < entries.size(); i++) {
                // A fallback item's language differs from the feed's, and RTL readers rely on it.
                entries.get(i).setAttribute("lang", items.get(i).get("language").asText(), Namespace.XML_NAMESPACE);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new XMLOutputter(Format.getCompactFormat().setEncoding("UTF-8")).output(document, out);
            return out.toByteArray();
        } catch (FeedException e) {
            throw new IllegalStateException("cannot write the Atom feed of " + language, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Entry entry(JsonNode item) {
        Entry entry = new Entry();
        entry.setId(ENTRY_ID_PREFIX + item.get("id").asText());
        entry.setTitleEx(text(item.path("title").asText("")));
        if (item.hasNonNull("url")) {
            entry.setAlternateLinks(List.of(link("alternate", item.get("url").asText())));
        }
        Instant published = instant(item, "date_published");
        Instant modified = instant(item, "date_modified");
        if (published != null) {
            entry.setPublished(Date.from(published));
        }
        // atom:updated is required; a notice that never changed was last updated when published.
        Instant updated = modified != null ? modified : published;
        entry.setUpdated(Date.from(updated != null ? updated : Instant.EPOCH));
        JsonNode extension = item.path("_accmr");
        entry.setAuthors(List.of(person(extension.path("partner").asText("ACCMR"))));
        List<Category> categories = new ArrayList<>();
        item.path("tags").forEach(tag -> categories.add(category(null, tag.asText())));
        if (extension.hasNonNull("kind")) {
            categories.add(category(KIND_SCHEME, extension.get("kind").asText()));
        }
        if (extension.hasNonNull("urgency")) {
            categories.add(category(URGENCY_SCHEME, extension.get("urgency").asText()));
        }
        entry.setCategories(categories);
        if (item.hasNonNull("summary") && !item.get("summary").asText().isEmpty()) {
            entry.setSummary(text(item.get("summary").asText()));
        }
        Content content = new Content();
        if (item.hasNonNull("content_html")
                && !item.get("content_html").asText().isEmpty()) {
            content.setType(Content.HTML);
            content.setValue(item.get("content_html").asText());
        } else {
            content.setType(Content.TEXT);
            content.setValue(item.path("content_text").asText(""));
        }
        entry.setContents(List.of(content));
        return entry;
    }

    private static @Nullable Instant instant(JsonNode item, String field) {
        return item.hasNonNull(field) ? Instant.parse(item.get(field).asText()) : null;
    }

    private static Content text(String value) {
        Content content = new Content();
        content.setType(Content.TEXT);
        content.setValue(value);
        return content;
    }

    private static Link link(String rel, String href) {
        Link link = new Link();
        link.setRel(rel);
        link.setHref(href);
        return link;
    }

    /** A link to a page of this feed, typed as Atom so readers need not fetch it to know. */
    private static Link page(String rel, String href) {
        Link link = link(rel, href);
        link.setType("application/atom+xml");
        return link;
    }

    private static Person person(String name) {
        Person person = new Person();
        person.setName(name);
        return person;
    }

    private static Category category(@Nullable String scheme, String term) {
        Category category = new Category();
        category.setScheme(scheme);
        category.setTerm(term);
        return category;
    }
}
