package gr.accmr.hub.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import com.sun.net.httpserver.HttpServer;
import gr.accmr.hub.hostile.HostileFeeds;
import gr.accmr.hub.ingest.feed.FeedSplitter.UnreadableFeedException;
import gr.accmr.hub.notice.NoticeId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedSplitterTest {

    private static final String FIXTURES = "/feeds/";

    private final FeedSplitter splitter = new FeedSplitter();

    private HttpServer partnerServer;

    @AfterEach
    void stopServer() {
        if (partnerServer != null) {
            partnerServer.stop(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"athens-el.rss.xml", "irc-ar.atom.xml", "rdf-en.rss1.xml"})
    void givesOneEntryPerItemOfTheFeed(String fixture) throws Exception {
        byte[] feed = fixture(fixture);

        List<FeedEntry> entries = splitter.split(feed);

        assertThat(entries).hasSize(rome(feed).getEntries().size()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"athens-el.rss.xml", "irc-ar.atom.xml", "rdf-en.rss1.xml"})
    void makesEachEntryAFeedOfItsOwnWithTheSameHeader(String fixture) throws Exception {
        SyndFeed original = rome(fixture(fixture));

        List<FeedEntry> entries = splitter.split(fixture(fixture));

        for (int i = 0; i < entries.size(); i++) {
            SyndFeed single = rome(entries.get(i).document());
            SyndEntry expected = original.getEntries().get(i);
            assertThat(single.getFeedType()).isEqualTo(original.getFeedType());
            assertThat(single.getTitle()).isEqualTo(original.getTitle());
            assertThat(single.getLink()).isEqualTo(original.getLink());
            assertThat(single.getUri()).isEqualTo(original.getUri());
            assertThat(single.getLanguage()).isEqualTo(original.getLanguage());
            assertThat(single.getEntries()).singleElement().satisfies(entry -> {
                assertThat(entry.getTitle()).isEqualTo(expected.getTitle());
                assertThat(entry.getLink()).isEqualTo(expected.getLink());
                assertThat(entry.getUri()).isEqualTo(expected.getUri());
            });
        }
    }

    @Test
    void keepsOnlyABoundedHeaderInEachEntryOfAFeedWithAHugeDescription() throws Exception {
        byte[] feed = HostileFeeds.rssWithHugeHeader(4 << 20, 2000, "https://hostile.example.org");

        List<FeedEntry> entries = splitter.split(feed);

        assertThat(entries).hasSize(2000);
        long total = 0;
        for (FeedEntry entry : entries) {
            String document = text(entry.document());
            assertThat(document)
                    .doesNotContain(HostileFeeds.DESCRIPTION_MARK)
                    .contains("<title>Hostile partner</title>", "<language>en</language>");
            assertThat(entry.document().length).isLessThan(1024);
            total += entry.document().length;
        }
        // Without the bound the entries would hold 2,000 copies of the description: 8 GB.
        assertThat(total).isLessThan(feed.length / 2);
        SyndFeed single = rome(entries.get(1999).document());
        assertThat(single.getTitle()).isEqualTo("Hostile partner");
        assertThat(single.getLanguage()).isEqualTo("en");
        assertThat(single.getEntries())
                .singleElement()
                .satisfies(entry -> assertThat(entry.getLink()).isEqualTo("https://hostile.example.org/items/1999"));
    }

    @Test
    void keepsOnlyABoundedHeaderInEachItemOfAJsonFeed() throws Exception {
        String huge = "x".repeat(1 << 20);
        byte[] feed = utf8("""
                {"version": "https://jsonfeed.org/version/1.1", "title": "Partner", "language": "fr",
                 "description": "%s", "icon": "%s", "_ext": {"big": "%s"},
                 "items": [{"id": "1", "content_text": "Bonjour"}, {"id": "2", "content_text": "Salut"}]}
                """.formatted(huge, huge, huge));

        List<FeedEntry> entries = splitter.split(feed);

        assertThat(entries).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.document().length).isLessThan(512);
            assertThat(text(entry.document())).contains("\"language\":\"fr\"", "\"title\":\"Partner\"");
        });
    }

    @Test
    void keepsTheAtomLanguageOfTheFeedInEveryEntryDocument() throws Exception {
        List<FeedEntry> entries = splitter.split(fixture("irc-ar.atom.xml"));

        assertThat(entries)
                .allSatisfy(entry -> assertThat(text(entry.document())).contains("xml:lang=\"ar\""));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"athens-el.rss.xml, el", "rdf-en.rss1.xml, en"})
    void passesOnTheLanguageTheFeedDeclares(String fixture, String language) throws Exception {
        List<FeedEntry> entries = splitter.split(fixture(fixture));

        assertThat(entries).extracting(FeedEntry::language).containsOnly(language);
    }

    @Test
    void takesTheLanguageOfAnAtomEntrysContentOverThatOfTheFeed() throws Exception {
        List<FeedEntry> entries = splitter.split(fixture("irc-ar.atom.xml"));

        assertThat(entries).extracting(FeedEntry::language).containsExactly("ar", "en");
    }

    @Test
    void prefersTheXmlLangOfTheEntryOverThatOfTheFeed() throws Exception {
        byte[] feed = utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">
                  <title>Refugee.Info</title>
                  <id>urn:uuid:0f0e0d0c-0000-4000-8000-000000000005</id>
                  <updated>2026-11-26T08:00:00Z</updated>
                  <entry xml:lang="fa-IR">
                    <title>تمدید اجازه اقامت</title>
                    <id>fa-1</id>
                    <updated>2026-11-26T08:00:00Z</updated>
                  </entry>
                  <entry>
                    <title>تجديد تصريح الإقامة</title>
                    <id>ar-1</id>
                    <updated>2026-11-26T08:00:00Z</updated>
                  </entry>
                </feed>
                """);

        assertThat(splitter.split(feed)).extracting(FeedEntry::language).containsExactly("fa-IR", "ar");
    }

    @Test
    void passesOnNoLanguageWhenTheFeedDeclaresNone() throws Exception {
        byte[] feed = rss("No language", "<item><title>A</title><guid>a-1</guid></item>");

        assertThat(splitter.split(feed)).extracting(FeedEntry::language).containsExactly((String) null);
    }

    @Test
    void takesTheExternalIdFromTheGuid() throws Exception {
        List<FeedEntry> entries = splitter.split(fixture("athens-el.rss.xml"));

        assertThat(entries).extracting(FeedEntry::externalId).containsExactly("athens-2026-101", "athens-2026-102");
    }

    @Test
    void hashesAtomIdsThatAreNotSafeForPaths() throws Exception {
        List<FeedEntry> entries = splitter.split(fixture("irc-ar.atom.xml"));

        assertThat(entries)
                .extracting(FeedEntry::externalId)
                .containsExactly(
                        NoticeId.externalIdFor("tag:refugee.info,2026:article-4411"),
                        NoticeId.externalIdFor("tag:refugee.info,2026:article-4412"))
                .allMatch(id -> id.matches("h-[0-9a-f]{32}"));
    }

    @Test
    void takesTheExternalIdOfAnRss1ItemFromItsAboutUrl() throws Exception {
        List<FeedEntry> entries = splitter.split(fixture("rdf-en.rss1.xml"));

        assertThat(entries)
                .extracting(FeedEntry::externalId)
                .containsExactly(
                        NoticeId.externalIdFor("https://example.org/eccar/news/1"),
                        NoticeId.externalIdFor("https://example.org/eccar/news/2"))
                .allMatch(id -> id.matches("h-[0-9a-f]{32}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"athens-el.rss.xml", "irc-ar.atom.xml", "rdf-en.rss1.xml"})
    void givesTheSameSafeIdsOnEverySplit(String fixture) throws Exception {
        List<String> first = ids(splitter.split(fixture(fixture)));
        List<String> second = ids(new FeedSplitter().split(fixture(fixture)));

        assertThat(second).isEqualTo(first).doesNotHaveDuplicates();
        assertThat(first)
                .allSatisfy(id ->
                        assertThat(NoticeId.parse("partner:" + id).externalId()).isEqualTo(id));
    }

    @Test
    void fallsBackToTheLinkWhenAnRssItemHasNoGuid() throws Exception {
        byte[] feed = utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0">
                  <channel>
                    <title>No guids</title>
                    <link>https://partner.example/</link>
                    <description>d</description>
                    <item><title>A</title><link>https://partner.example/news?id=7</link></item>
                  </channel>
                </rss>
                """);

        assertThat(splitter.split(feed))
                .extracting(FeedEntry::externalId)
                .containsExactly(NoticeId.externalIdFor("https://partner.example/news?id=7"));
    }

    @Test
    void fallsBackToTheLinkWhenAnAtomEntryHasNoId() throws Exception {
        byte[] feed = utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom">
                  <title>No ids</title>
                  <id>urn:uuid:0f0e0d0c-0000-4000-8000-000000000001</id>
                  <updated>2026-11-26T08:00:00Z</updated>
                  <entry>
                    <title>A</title>
                    <link rel="alternate" href="https://partner.example/a"/>
                    <updated>2026-11-26T08:00:00Z</updated>
                  </entry>
                </feed>
                """);

        assertThat(splitter.split(feed))
                .extracting(FeedEntry::externalId)
                .containsExactly(NoticeId.externalIdFor("https://partner.example/a"));
    }

    @Test
    void fallsBackToAContentHashWhenAnItemHasNeitherGuidNorLink() throws Exception {
        String item = "<item><title>Opening hours</title><description>Open on Mondays.</description></item>";
        String other = "<item><title>Opening hours</title><description>Open on Tuesdays.</description></item>";

        String id = splitter.split(rss("Feed one", item)).get(0).externalId();

        assertThat(id).matches("c-[0-9a-f]{32}");
        assertThat(splitter.split(rss("Feed two", item)).get(0).externalId()).isEqualTo(id);
        assertThat(splitter.split(rss("Feed one", other)).get(0).externalId()).isNotEqualTo(id);
    }

    @Test
    void keepsTheEntryHashWhenOnlyChannelDataChanges() throws Exception {
        String original = text(fixture("athens-el.rss.xml"));
        String rebuilt = original.replace(
                        "<lastBuildDate>Thu, 26 Nov 2026 09:00:00 +0200</lastBuildDate>",
                        "<lastBuildDate>Fri, 27 Nov 2026 18:45:00 +0200</lastBuildDate>")
                .replace("<title>Δήμος Αθηναίων – Ανακοινώσεις</title>", "<title>Δήμος Αθηναίων</title>");
        assertThat(rebuilt).isNotEqualTo(original);

        List<FeedEntry> before = splitter.split(utf8(original));
        List<FeedEntry> after = splitter.split(utf8(rebuilt));

        assertThat(after).extracting(FeedEntry::entryHash).isEqualTo(hashes(before));
        assertThat(after).extracting(FeedEntry::externalId).isEqualTo(ids(before));
    }

    @Test
    void changesTheEntryHashWhenTheEntryChanges() throws Exception {
        String original = text(fixture("athens-el.rss.xml"));
        String edited = original.replace(
                "Δωρεάν μαθήματα ελληνικών για ενήλικες", "Δωρεάν μαθήματα ελληνικών για ενήλικες και εφήβους");

        List<FeedEntry> before = splitter.split(utf8(original));
        List<FeedEntry> after = splitter.split(utf8(edited));

        assertThat(after.get(0).externalId()).isEqualTo(before.get(0).externalId());
        assertThat(after.get(0).entryHash()).isNotEqualTo(before.get(0).entryHash());
        assertThat(after.get(1).entryHash()).isEqualTo(before.get(1).entryHash());
    }

    @Test
    void rejectsTheXxeFixtureWithoutReadingTheFile() throws IOException {
        byte[] feed = fixture("xxe.rss.xml");

        assertThatThrownBy(() -> splitter.split(feed))
                .isInstanceOf(UnreadableFeedException.class)
                .hasMessageContaining("DOCTYPE")
                .satisfies(e -> assertNeverMentions(e, hostname()));
    }

    @Test
    void rejectsAnExternalEntityPointingAtALocalFile(@TempDir Path dir) throws IOException {
        String secret = "secret-" + UUID.randomUUID();
        Path file = Files.writeString(dir.resolve("secret.txt"), secret);
        byte[] feed = utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE rss [
                  <!ENTITY secret SYSTEM "%s">
                ]>
                <rss version="2.0">
                  <channel>
                    <title>Innocent</title>
                    <link>https://partner.example/</link>
                    <description>d</description>
                    <item><title>&secret;</title><guid>xxe-file</guid><description>&secret;</description></item>
                  </channel>
                </rss>
                """.formatted(file.toUri()));

        assertThatThrownBy(() -> splitter.split(feed))
                .isInstanceOf(UnreadableFeedException.class)
                .satisfies(e -> assertNeverMentions(e, secret));
    }

    @Test
    void neverFetchesAnExternalEntityOverHttp() throws Exception {
        AtomicInteger requests = startPartnerServer();
        byte[] feed = utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE rss [
                  <!ENTITY remote SYSTEM "%s/entity">
                ]>
                <rss version="2.0">
                  <channel>
                    <title>Innocent</title>
                    <link>https://partner.example/</link>
                    <description>d</description>
                    <item><title>&remote;</title><guid>xxe-http</guid></item>
                  </channel>
                </rss>
                """.formatted(baseUrl()));

        assertThatThrownBy(() -> splitter.split(feed)).isInstanceOf(UnreadableFeedException.class);
        assertThat(requests).hasValue(0);
    }

    @Test
    void neverFetchesAnExternalDtdOverHttp() throws Exception {
        AtomicInteger requests = startPartnerServer();
        byte[] feed = utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE rss SYSTEM "%s/evil.dtd">
                <rss version="2.0">
                  <channel>
                    <title>Innocent</title>
                    <link>https://partner.example/</link>
                    <description>d</description>
                    <item><title>Hello</title><guid>dtd-http</guid></item>
                  </channel>
                </rss>
                """.formatted(baseUrl()));

        // A DOCTYPE without an internal subset is dropped with a warning, its DTD never fetched.
        FeedSplitter.Split split = splitter.split(feed, FeedSplitter.Identity.GUID);

        assertThat(split.entries()).extracting(FeedEntry::externalId).containsExactly("dtd-http");
        assertThat(split.warnings()).anyMatch(warning -> warning.contains("DOCTYPE"));
        assertThat(requests).hasValue(0);
    }

    @Test
    void refusesADoctypeWithAnInternalSubsetEvenWithoutEntities() throws Exception {
        byte[] feed = utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE rss [ <!ELEMENT rss ANY> ]>
                <rss version="2.0"><channel><title>T</title><link>https://partner.example/</link>
                <description>d</description><item><title>Hello</title><guid>subset</guid></item></channel></rss>
                """);

        assertThatThrownBy(() -> splitter.split(feed)).isInstanceOf(UnreadableFeedException.class);
    }

    @Test
    void doesNotResolveXIncludes(@TempDir Path dir) throws Exception {
        String secret = "secret-" + UUID.randomUUID();
        Path file = Files.writeString(dir.resolve("secret.txt"), secret);
        AtomicInteger requests = startPartnerServer();
        byte[] feed = utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:xi="http://www.w3.org/2001/XInclude">
                  <channel>
                    <title>Innocent</title>
                    <link>https://partner.example/</link>
                    <description>d</description>
                    <item>
                      <title>Hello</title>
                      <guid>xinclude</guid>
                      <description><xi:include href="%s" parse="text"/></description>
                      <category><xi:include href="%s/xinclude" parse="text"/></category>
                    </item>
                  </channel>
                </rss>
                """.formatted(file.toUri(), baseUrl()));

        List<FeedEntry> entries = splitter.split(feed);

        assertThat(requests).hasValue(0);
        assertThat(entries)
                .singleElement()
                .satisfies(entry -> assertThat(text(entry.document()))
                        .doesNotContain(secret)
                        .doesNotContain("pwned"));
    }

    @Test
    void rejectsBillionLaughsWithoutExpandingTheEntities() throws IOException {
        byte[] feed = fixture("billion-laughs.rss.xml");

        // The bound is generous: a parser that expanded the entities would run for minutes or
        // out of memory, not a little over it.
        assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> assertThatThrownBy(() -> splitter.split(feed)).isInstanceOf(UnreadableFeedException.class));
    }

    @Test
    void rejectsXmlThatIsNotAFeed() {
        byte[] page = utf8("""
                <html><head><title>Partner</title></head><body><p>Not a feed</p></body></html>
                """);

        assertThatThrownBy(() -> splitter.split(page))
                .isInstanceOf(UnreadableFeedException.class)
                .hasMessageStartingWith("not an RSS or Atom feed");
    }

    @Test
    void rejectsBytesThatAreNotXml() {
        byte[] garbage = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, (byte) 0xff, (byte) 0xfe};

        assertThatThrownBy(() -> splitter.split(garbage)).isInstanceOf(UnreadableFeedException.class);
    }

    @Test
    void rejectsAnEmptyDocument() {
        assertThatThrownBy(() -> splitter.split(new byte[0])).isInstanceOf(UnreadableFeedException.class);
    }

    @Test
    void rejectsATruncatedFeed() {
        byte[] truncated = utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>t</title><item><title>cut off
                """);

        assertThatThrownBy(() -> splitter.split(truncated))
                .isInstanceOf(UnreadableFeedException.class)
                .hasMessageStartingWith("not a well-formed feed");
    }

    @Test
    void givesNoEntriesForAnEmptyFeed() throws Exception {
        byte[] feed = utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0">
                  <channel>
                    <title>Nothing yet</title>
                    <link>https://partner.example/</link>
                    <description>No items today</description>
                  </channel>
                </rss>
                """);

        assertThat(splitter.split(feed)).isEmpty();
    }

    @Test
    void readsAGreekFeedEncodedInIso88597() throws Exception {
        Charset greek = Charset.forName("ISO-8859-7");
        byte[] feed = """
                <?xml version="1.0" encoding="ISO-8859-7"?>
                <rss version="2.0">
                  <channel>
                    <title>Δήμος Πειραιά</title>
                    <link>https://partner.example/</link>
                    <description>Ανακοινώσεις</description>
                    <item><title>Νέο ωράριο εξυπηρέτησης πολιτών</title><guid>pir-1</guid></item>
                  </channel>
                </rss>
                """.getBytes(greek);

        List<FeedEntry> entries = splitter.split(feed);

        SyndFeed single = rome(entries.get(0).document());
        assertThat(single.getTitle()).isEqualTo("Δήμος Πειραιά");
        assertThat(single.getEntries().get(0).getTitle()).isEqualTo("Νέο ωράριο εξυπηρέτησης πολιτών");
    }

    @Test
    void readsAFeedEncodedInWindows1252() throws Exception {
        byte[] feed = """
                <?xml version="1.0" encoding="windows-1252"?>
                <rss version="2.0">
                  <channel>
                    <title>Café de la ville</title>
                    <link>https://partner.example/</link>
                    <description>d</description>
                    <item><title>“Open day” – entry 5 €</title><guid>cafe-1</guid></item>
                  </channel>
                </rss>
                """.getBytes(Charset.forName("windows-1252"));

        List<FeedEntry> entries = splitter.split(feed);

        SyndFeed single = rome(entries.get(0).document());
        assertThat(single.getTitle()).isEqualTo("Café de la ville");
        assertThat(single.getEntries().get(0).getTitle()).isEqualTo("“Open day” – entry 5 €");
    }

    @Test
    void readsAFeedInTheCharsetOfItsHttpHeaderAndSaysSoWhenTheDeclarationDisagrees() throws Exception {
        byte[] feed = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Новини</title><link>https://partner.example/</link>
                <description>d</description><item><title>Допомога</title><guid>uk-1</guid></item></channel></rss>
                """.getBytes(Charset.forName("windows-1251"));

        FeedSplitter.Split split =
                splitter.split(feed, FeedSplitter.Identity.GUID, "application/rss+xml; charset=windows-1251");

        assertThat(rome(split.entries().get(0).document()).getEntries().get(0).getTitle())
                .isEqualTo("Допомога");
        assertThat(split.warnings())
                .containsExactly(
                        "read as windows-1251, the charset of the HTTP Content-Type, not as the document says (UTF-8)");
    }

    @Test
    void letsAByteOrderMarkOverruleTheHttpCharset() throws Exception {
        byte[] text = rss("Ελληνικά", "<item><title>Κείμενο</title><guid>el-1</guid></item>");
        byte[] feed = new byte[text.length + 3];
        feed[0] = (byte) 0xEF;
        feed[1] = (byte) 0xBB;
        feed[2] = (byte) 0xBF;
        System.arraycopy(text, 0, feed, 3, text.length);

        FeedSplitter.Split split = splitter.split(feed, FeedSplitter.Identity.GUID, "text/xml; charset=ISO-8859-1");

        assertThat(rome(split.entries().get(0).document()).getEntries().get(0).getTitle())
                .isEqualTo("Κείμενο");
        assertThat(split.warnings()).isEmpty();
    }

    @Test
    void readsADeclaredIso88591FeedAsWindows1252() throws Exception {
        byte[] feed = """
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <rss version="2.0"><channel><title>Café</title><link>https://partner.example/</link>
                <description>d</description><item><title>“Open day” – 5 €</title><guid>w-1</guid></item></channel></rss>
                """.getBytes(Charset.forName("windows-1252"));

        List<FeedEntry> entries = splitter.split(feed);

        assertThat(rome(entries.get(0).document()).getEntries().get(0).getTitle())
                .isEqualTo("“Open day” – 5 €");
    }

    private static void assertNeverMentions(Throwable thrown, String content) {
        if (content.isEmpty()) {
            return;
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(content);
        }
    }

    /** What the XXE fixture tries to read; empty where the machine has no /etc/hostname. */
    private static String hostname() {
        try {
            return Files.readString(Path.of("/etc/hostname")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private AtomicInteger startPartnerServer() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        partnerServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        partnerServer.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "pwned".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        partnerServer.start();
        return requests;
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + partnerServer.getAddress().getPort();
    }

    private static byte[] rss(String channelTitle, String item) {
        return utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0">
                  <channel>
                    <title>%s</title>
                    <link>https://partner.example/</link>
                    <description>d</description>
                    %s
                  </channel>
                </rss>
                """.formatted(channelTitle, item));
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = FeedSplitterTest.class.getResourceAsStream(FIXTURES + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static SyndFeed rome(byte[] bytes) throws Exception {
        return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(bytes)));
    }

    private static List<String> ids(List<FeedEntry> entries) {
        List<String> ids = new ArrayList<>();
        entries.forEach(entry -> ids.add(entry.externalId()));
        return ids;
    }

    private static List<String> hashes(List<FeedEntry> entries) {
        List<String> hashes = new ArrayList<>();
        entries.forEach(entry -> hashes.add(entry.entryHash()));
        return hashes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
