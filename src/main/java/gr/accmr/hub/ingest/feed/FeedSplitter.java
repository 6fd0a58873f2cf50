package gr.accmr.hub.ingest.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.impl.XmlFixerReader;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.RawHeaders;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import org.jspecify.annotations.Nullable;

/**
 * Cuts an RSS 0.9x/1.0/2.0 or Atom 1.0 feed into one document per entry.
 *
 * <p>Parsing uses Rome's hardened SAX builder: a DOCTYPE is refused outright, so neither external
 * entities (XXE) nor entity expansion (billion laughs) can happen.
 */
public final class FeedSplitter {

    private static final Set<String> ENTRY_NAMES = Set.of("item", "entry");

    private final HardenedInput input = new HardenedInput();

    /** Thrown for a document that is not a feed we can read, with the reason. */
    public static final class UnreadableFeedException extends Exception {
        UnreadableFeedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How an entry's identity is chosen; real feeds regenerate guids, so partners may opt out of them. */
    public enum Identity {
        /** The guid or Atom id, else the link, else a hash of title and content. */
        GUID,
        /** The link, else a hash of title and content. */
        LINK,
        /** A hash of title and content only. */
        CONTENT;

        public static Identity of(String value) {
            return valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The entries of a feed, and what had to be repaired to read it. */
    public record Split(List<FeedEntry> entries, List<String> warnings) {}

    public List<FeedEntry> split(byte[] feed) throws UnreadableFeedException {
        return split(feed, Identity.GUID).entries();
    }

    public Split split(byte[] feed, Identity identity) throws UnreadableFeedException {
        return split(feed, identity, null);
    }

    /**
     * The entries of a feed served with this HTTP {@code Content-Type}: its charset, when it names
     * one, says how the bytes are encoded unless a byte order mark does (see {@link LenientXml}).
     */
    public Split split(byte[] feed, Identity identity, @Nullable String httpContentType)
            throws UnreadableFeedException {
        if (JsonFeedSplitter.looksLikeJson(feed)) {
            return JsonFeedSplitter.split(feed, identity);
        }
        LenientXml.Repaired repaired;
        try {
            repaired = LenientXml.repair(feed, httpContentType);
        } catch (IOException e) {
            throw new UnreadableFeedException("cannot decode the feed: " + e.getMessage(), e);
        }
        Document document = input.parse(repaired.text());
        Element root = document.getRootElement();
        List<Element> entries = entriesOf(root);

        if (entries.isEmpty()) {
            input.toSyndFeed(document); // an empty feed is fine, a document that is no feed is not
            return new Split(List.of(), repaired.warnings());
        }

        // The header every entry document shares, bounded whatever the partner sends (see header()).
        Element skeletonRoot = header(root);
        Element entriesParent = entries.get(0).getParentElement();
        Element skeletonParent = entriesParent == root
                ? skeletonRoot
                : skeletonRoot.getChild(entriesParent.getName(), entriesParent.getNamespace());
        Document skeleton = new Document(skeletonRoot);
        int insertAt = skeletonParent.getContentSize();

        XMLOutputter raw = new XMLOutputter(Format.getRawFormat().setEncoding("UTF-8"));
        List<FeedEntry> result = new ArrayList<>(entries.size());
        for (Element entry : entries) {
            Element copy = entry.clone();
            skeletonParent.addContent(insertAt, copy);
            try {
                byte[] bytes = raw.outputString(skeleton).getBytes(StandardCharsets.UTF_8);
                SyndFeed single = input.toSyndFeed(skeleton);
                String entryHash = sha256(raw.outputString(entry));
                SyndEntry syndEntry = single.getEntries().get(0);
                result.add(new FeedEntry(
                        externalId(syndEntry, identity),
                        RawHeaders.FEED_ENTRY,
                        bytes,
                        declaredLanguage(entry, single),
                        date(syndEntry),
                        entryHash));
            } finally {
                copy.detach();
            }
        }
        return new Split(result, repaired.warnings());
    }

    /**
     * Feed-level elements an entry document keeps: what the normalizer reads of the feed (its
     * language) and what makes the document a valid feed for Rome. Everything else of the header
     * (descriptions, images, RSS 1.0's list of all items) would be copied into every entry: a 4 MB
     * channel description and 2,000 items would make 8 GB.
     */
    private static final Set<String> HEADER_NAMES = Set.of("title", "link", "language", "id", "updated");

    /** Longest header element or attribute kept, in characters of markup; larger ones are dropped. */
    static final int MAX_HEADER_ELEMENT = 2048;

    /** A copy of a feed or channel element with only its kept header children (and its channel's). */
    private static Element header(Element element) {
        Element copy = new Element(element.getName(), element.getNamespace());
        element.getAdditionalNamespaces().forEach(copy::addNamespaceDeclaration);
        for (org.jdom2.Attribute attribute : element.getAttributes()) {
            if (attribute.getValue().length() <= MAX_HEADER_ELEMENT) {
                copy.setAttribute(attribute.clone());
            }
        }
        XMLOutputter measure = new XMLOutputter(Format.getRawFormat());
        for (Element child : element.getChildren()) {
            if ("channel".equals(child.getName())) {
                copy.addContent(header(child));
            } else if (HEADER_NAMES.contains(child.getName())
                    && !ENTRY_NAMES.contains(child.getName())
                    && measure.outputString(child).length() <= MAX_HEADER_ELEMENT) {
                copy.addContent(child.clone());
            }
        }
        return copy;
    }

    private static java.time.@Nullable Instant date(SyndEntry entry) {
        java.util.Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
        return date == null ? null : date.toInstant();
    }

    static String externalId(SyndEntry entry) {
        return externalId(entry, Identity.GUID);
    }

    /**
     * Identity of an entry: its guid or Atom id, else its link, else a hash of title and content.
     * Whatever it is, {@link NoticeId#externalIdFor} makes it safe for ids and paths.
     */
    static String externalId(SyndEntry entry, Identity identity) {
        if (identity == Identity.GUID
                && entry.getUri() != null
                && !entry.getUri().isBlank()) {
            return NoticeId.externalIdFor(entry.getUri());
        }
        if (identity != Identity.CONTENT
                && entry.getLink() != null
                && !entry.getLink().isBlank()) {
            return NoticeId.externalIdFor(entry.getLink());
        }
        StringBuilder text = new StringBuilder(String.valueOf(entry.getTitle()));
        if (entry.getDescription() != null) {
            text.append('\n').append(entry.getDescription().getValue());
        }
        for (SyndContent content : entry.getContents()) {
            text.append('\n').append(content.getValue());
        }
        return "c-" + sha256(text.toString()).substring(0, 32);
    }

    /**
     * The {@code xml:lang} of the entry's content, else the nearest one around the entry (Atom's
     * way, which Rome does not read), else the feed's {@code <language>} or {@code dc:language}.
     */
    static @Nullable String declaredLanguage(Element entry, SyndFeed feed) {
        for (Element child : entry.getChildren()) {
            String lang = child.getAttributeValue("lang", Namespace.XML_NAMESPACE);
            if ("content".equals(child.getName()) && lang != null && !lang.isBlank()) {
                return lang.strip();
            }
        }
        for (Element element = entry; element != null; element = element.getParentElement()) {
            String lang = element.getAttributeValue("lang", Namespace.XML_NAMESPACE);
            if (lang != null && !lang.isBlank()) {
                return lang.strip();
            }
        }
        String language = feed.getLanguage();
        return language == null || language.isBlank() ? null : language.strip();
    }

    /** Entries are children of the root (Atom, RSS 1.0) or of {@code <channel>} (RSS 0.9x/2.0). */
    private static List<Element> entriesOf(Element root) {
        List<Element> entries = new ArrayList<>();
        collect(root, entries);
        for (Element child : root.getChildren()) {
            if ("channel".equals(child.getName())) {
                collect(child, entries);
            }
        }
        return entries;
    }

    private static void collect(Element parent, List<Element> into) {
        for (Element child : parent.getChildren()) {
            if (ENTRY_NAMES.contains(child.getName())) {
                into.add(child);
            }
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rome's parser with its DOCTYPE-refusing SAX builder, exposed to get the JDOM document. */
    private static final class HardenedInput extends WireFeedInput {

        private final SyndFeedInput syndInput = new SyndFeedInput();

        Document parse(String text) throws UnreadableFeedException {
            // XmlFixerReader turns HTML entities that XML does not declare (&nbsp;, &eacute;) into characters.
            try (Reader reader = new XmlFixerReader(new StringReader(text))) {
                return createSAXBuilder().build(reader);
            } catch (JDOMException | IOException e) {
                throw new UnreadableFeedException("not a well-formed feed: " + e.getMessage(), e);
            }
        }

        SyndFeed toSyndFeed(Document document) throws UnreadableFeedException {
            try {
                return syndInput.build(document);
            } catch (FeedException | IllegalArgumentException e) {
                throw new UnreadableFeedException("not an RSS or Atom feed: " + e.getMessage(), e);
            }
        }
    }
}
