package gr.accmr.hub.fanout.mobile;

import static gr.accmr.hub.fanout.mobile.MobileFeedFixtures.ARABIC;
import static gr.accmr.hub.fanout.mobile.MobileFeedFixtures.ENGLISH;
import static gr.accmr.hub.fanout.mobile.MobileFeedFixtures.fallback;
import static gr.accmr.hub.fanout.mobile.MobileFeedFixtures.notice;
import static gr.accmr.hub.fanout.mobile.MobileFeedFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class AtomFeedsTest {

    private static final String FIRST = "https://hub.example.org/feeds/ar.atom?kind=alert";
    private static final String SELF = FIRST + "&cursor=abc";
    private static final String NEXT = FIRST + "&cursor=def";

    private final List<JsonNode> items = List.of(
            stored(JsonFeedItems.item(notice(Map.of("en", ENGLISH, "ar", ARABIC)), "ar")),
            fallback(notice(Map.of("en", ENGLISH))));

    @Test
    void writesAnAtomFeedWithThePagingLinksOfRfc5005() throws Exception {
        Feed feed = read(AtomFeeds.page("ar", SELF, FIRST, NEXT, Instant.parse("2026-11-28T00:00:00Z"), items));

        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getId()).isEqualTo(FIRST);
        assertThat(feed.getUpdated()).isEqualTo(Date.from(Instant.parse("2026-11-28T00:00:00Z")));
        assertThat(feed.getOtherLinks())
                .extracting(Link::getRel, Link::getHref)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("self", SELF),
                        org.assertj.core.groups.Tuple.tuple("first", FIRST),
                        org.assertj.core.groups.Tuple.tuple("next", NEXT));
    }

    @Test
    void theLastPageHasNoNextLink() throws Exception {
        Feed feed = read(AtomFeeds.page("ar", SELF, FIRST, null, null, items));

        assertThat(feed.getOtherLinks()).extracting(Link::getRel).containsExactlyInAnyOrder("self", "first");
    }

    @Test
    void entriesCarryTheSameContentAsTheJsonFeedItems() throws Exception {
        Entry entry = read(AtomFeeds.page("ar", SELF, FIRST, null, null, items))
                .getEntries()
                .get(0);

        assertThat(entry.getId()).isEqualTo("urn:accmr:notice:irc-api:irc-2026-0042");
        assertThat(entry.getTitle()).isEqualTo(ARABIC.title());
        assertThat(entry.getContents().get(0).getType()).isEqualTo("html");
        assertThat(entry.getContents().get(0).getValue()).isEqualTo(ARABIC.bodyHtml());
        assertThat(entry.getPublished()).isEqualTo(Date.from(Instant.parse("2026-11-26T10:00:00Z")));
        assertThat(entry.getUpdated()).isEqualTo(Date.from(Instant.parse("2026-11-27T08:30:00Z")));
        assertThat(entry.getAuthors().get(0).getName()).isEqualTo("irc-api");
        assertThat(entry.getCategories())
                .extracting(category -> category.getScheme() + "|" + category.getTerm())
                .containsExactly("null|asylum", "null|services", "urn:accmr:kind|alert", "urn:accmr:urgency|urgent");
    }

    @Test
    void marksTheFeedAndEachEntryWithItsLanguageSoFallbacksAndRightToLeftTextAreKnown() throws Exception {
        Document document = DocumentBuilderFactory.newDefaultNSInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(AtomFeeds.page("ar", SELF, FIRST, null, null, items)));
        String xml = "http://www.w3.org/XML/1998/namespace";
        Element root = document.getDocumentElement();

        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(root.getAttributeNS(xml, "lang")).isEqualTo("ar");
        var entries = root.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        assertThat(((Element) entries.item(0)).getAttributeNS(xml, "lang")).isEqualTo("ar");
        // The second is an English original shown in the Arabic feed.
        assertThat(((Element) entries.item(1)).getAttributeNS(xml, "lang")).isEqualTo("en");
    }

    private static Feed read(byte[] atom) throws Exception {
        WireFeedInput input = new WireFeedInput();
        return (Feed) input.build(new InputStreamReader(new ByteArrayInputStream(atom), StandardCharsets.UTF_8));
    }
}
