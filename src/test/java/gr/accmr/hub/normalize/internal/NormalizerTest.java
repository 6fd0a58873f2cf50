package gr.accmr.hub.normalize.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gr.accmr.hub.ingest.feed.FeedEntry;
import gr.accmr.hub.ingest.feed.FeedSplitter;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.notice.Translation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class NormalizerTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-26T10:00:00Z");

    private final Normalizer normalizer = new Normalizer();

    @Test
    void makesTheGreekItemAGreekLeftToRightNotice() throws Exception {
        Notice notice = normalize(entry("athens-el.rss.xml", 0));

        assertThat(notice.originalLanguage()).isEqualTo("el");
        assertThat(notice.translations()).containsOnlyKeys("el");
        Translation greek = notice.original();
        assertThat(greek.dir()).isEqualTo("ltr");
        assertThat(greek.title()).isEqualTo("Δωρεάν μαθήματα ελληνικών για ενήλικες");
        assertThat(greek.summary()).isEqualTo("Ξεκινούν οι εγγραφές στα δωρεάν μαθήματα ελληνικής γλώσσας.");
        assertThat(greek.url()).isEqualTo("https://www.cityofathens.gr/news/greek-lessons-2026");
    }

    @Test
    void identifiesTheNoticeByPartnerAndExternalId() throws Exception {
        Notice notice = normalize(entry("athens-el.rss.xml", 0));

        assertThat(notice.id()).isEqualTo("partner:athens-2026-101");
        assertThat(notice.partner()).isEqualTo("partner");
        assertThat(notice.externalId()).isEqualTo("athens-2026-101");
        assertThat(notice.kind()).isEqualTo(Notice.Kind.NEWS);
        assertThat(notice.status()).isEqualTo(Notice.Status.PUBLISHED);
        assertThat(notice.urgency()).isEqualTo(Notice.Urgency.NORMAL);
        assertThat(notice.version()).isZero();
        assertThat(notice.contentHash()).isEmpty();
        assertThat(notice.source())
                .isEqualTo(new Notice.Source(
                        "partner.x", "https://partner.example/feed.xml", RECEIVED, "hub.inbound.raw", 2, 4711L));
    }

    @Test
    void sanitizesTheBodyAndKeepsItsFormatting() throws Exception {
        Translation greek = normalize(entry("athens-el.rss.xml", 0)).original();

        assertThat(greek.bodyHtml())
                .doesNotContainIgnoringCase("<script")
                .doesNotContain("alert")
                .contains("<strong>δωρεάν</strong>");
        assertThat(greek.bodyText())
                .isEqualTo("Ξεκινούν οι εγγραφές στα δωρεάν μαθήματα ελληνικής γλώσσας για ενήλικες."
                        + "\nΠληροφορίες στο κέντρο κοινότητας.");
    }

    @Test
    void resolvesRelativeLinksAgainstTheItemLink() throws Exception {
        Translation greek = normalize(entry("athens-el.rss.xml", 0)).original();

        assertThat(greek.bodyHtml()).contains("href=\"https://www.cityofathens.gr/kentra\"");
    }

    @Test
    void readsTheRfc822DateWithItsOffsetIntoUtc() throws Exception {
        Notice notice = normalize(entry("athens-el.rss.xml", 0));

        assertThat(notice.publishedAt()).isEqualTo(Instant.parse("2026-11-25T08:30:00Z"));
        assertThat(notice.updatedAt()).isEqualTo(notice.publishedAt());
    }

    @Test
    void lowerCasesCategories() throws Exception {
        assertThat(normalize(entry("athens-el.rss.xml", 0)).categories()).containsExactly("εκπαίδευση");
    }

    @Test
    void linksTheItemAsAlternate() throws Exception {
        assertThat(normalize(entry("athens-el.rss.xml", 0)).links())
                .containsExactly(
                        new Notice.Link("https://www.cityofathens.gr/news/greek-lessons-2026", "alternate", null));
    }

    @Test
    void turnsAnEnclosureIntoAnAttachment() throws Exception {
        Notice notice = normalize(entry("athens-el.rss.xml", 1));

        assertThat(notice.attachments())
                .containsExactly(new Notice.Attachment(
                        "https://www.cityofathens.gr/files/hours.pdf", "application/pdf", 34567L, null));
        assertThat(notice.original().bodyHtml())
                .isEqualTo("Το κέντρο είναι ανοιχτό <em>Δευτέρα έως Παρασκευή</em>, 09:00–17:00.");
    }

    @Test
    void makesTheArabicAtomEntryAnArabicRightToLeftNotice() throws Exception {
        Notice notice = normalize(entry("irc-ar.atom.xml", 0));

        assertThat(notice.originalLanguage()).isEqualTo("ar");
        assertThat(notice.translations()).containsOnlyKeys("ar");
        assertThat(notice.original().dir()).isEqualTo("rtl");
    }

    @Test
    void takesTheLanguageOfAnAtomEntryFromItsContent() throws Exception {
        Notice notice = normalize(entry("irc-ar.atom.xml", 1));

        assertThat(notice.originalLanguage()).isEqualTo("en");
        assertThat(notice.original().dir()).isEqualTo("ltr");
    }

    @Test
    void prefersTheLanguageOfTheAtomEntryOverThatOfTheFeed() throws Exception {
        byte[] feed = """
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">
                  <title>Refugee.Info</title>
                  <id>urn:uuid:0f0e0d0c-0000-4000-8000-000000000004</id>
                  <updated>2026-11-26T08:00:00Z</updated>
                  <entry xml:lang="fa-IR">
                    <title>تمدید اجازه اقامت</title>
                    <id>fa-1</id>
                    <updated>2026-11-26T08:00:00Z</updated>
                    <content type="html">&lt;p&gt;اکنون می‌توانید آنلاین تمدید کنید.&lt;/p&gt;</content>
                  </entry>
                </feed>
                """.getBytes(StandardCharsets.UTF_8);

        Notice notice = normalize(new FeedSplitter().split(feed).get(0));

        assertThat(notice.originalLanguage()).isEqualTo("fa");
        assertThat(notice.original().dir()).isEqualTo("rtl");
    }

    @Test
    void readsTheArabicAtomEntry() throws Exception {
        Notice notice = normalize(entry("irc-ar.atom.xml", 0));

        Translation arabic = notice.original();
        assertThat(arabic.title()).isEqualTo("تجديد تصريح الإقامة في أثينا");
        assertThat(arabic.summary()).isEqualTo("كيفية تجديد تصريح الإقامة عبر الإنترنت.");
        assertThat(arabic.bodyHtml())
                .contains("<b>عبر الإنترنت</b>")
                .doesNotContainIgnoringCase("onclick")
                .doesNotContain("steal");
        assertThat(arabic.bodyHtml()).containsPattern("href=\"tel:(\\+|&#43;)302100000000\"");
        assertThat(notice.publishedAt()).isEqualTo(Instant.parse("2026-11-26T07:30:00Z"));
        assertThat(notice.updatedAt()).isEqualTo(Instant.parse("2026-11-26T07:45:00Z"));
        assertThat(notice.categories()).containsExactly("asylum");
        assertThat(notice.externalId()).isEqualTo(NoticeId.externalIdFor("tag:refugee.info,2026:article-4411"));
    }

    @Test
    void usesTheUpdatedDateWhenAnEntryHasNoPublishedDate() throws Exception {
        Notice notice = normalize(entry("irc-ar.atom.xml", 1));

        assertThat(notice.publishedAt()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
        assertThat(notice.updatedAt()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
    }

    @Test
    void takesTheRss1LanguageFromDublinCore() throws Exception {
        Notice notice = normalize(entry("rdf-en.rss1.xml", 0), "el");

        assertThat(notice.originalLanguage()).isEqualTo("en");
        assertThat(notice.original().title()).isEqualTo("General assembly in Athens");
        assertThat(notice.publishedAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    }

    @Test
    void fallsBackToThePartnerLanguageWhenTheFeedDeclaresNone() throws Exception {
        byte[] feed = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0">
                  <channel>
                    <title>Kyiv diaspora</title>
                    <link>https://partner.example/</link>
                    <description>d</description>
                    <item><title>Зимові притулки</title><guid>ua-1</guid><description>Відкрито.</description></item>
                  </channel>
                </rss>
                """.getBytes(StandardCharsets.UTF_8);

        Notice notice = normalize(new FeedSplitter().split(feed).get(0), "uk-UK");

        assertThat(notice.originalLanguage()).isEqualTo("uk");
        assertThat(notice.original().dir()).isEqualTo("ltr");
    }

    @Test
    void keepsPlainTextContentAsText() throws Exception {
        byte[] feed = """
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
                  <title>t</title>
                  <id>urn:uuid:0f0e0d0c-0000-4000-8000-000000000002</id>
                  <updated>2026-11-26T08:00:00Z</updated>
                  <entry>
                    <title>Ages</title>
                    <id>ages-1</id>
                    <updated>2026-11-26T08:00:00Z</updated>
                    <content type="text">For children &lt;12 &amp; &lt;b&gt;their parents&lt;/b&gt;</content>
                  </entry>
                </feed>
                """.getBytes(StandardCharsets.UTF_8);

        Translation translation =
                normalize(new FeedSplitter().split(feed).get(0)).original();

        assertThat(translation.bodyText()).isEqualTo("For children <12 & <b>their parents</b>");
        assertThat(translation.bodyHtml()).doesNotContain("<b>");
    }

    @Test
    void rejectsAnEntryWithNeitherTitleNorText() throws Exception {
        byte[] feed = rss("<item><guid isPermaLink=\"false\">empty-1</guid><description> </description></item>");

        FeedEntry entry = new FeedSplitter().split(feed).get(0);

        assertThatThrownBy(() -> normalize(entry)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsAngleBracketsInAPlainTextTitle() throws Exception {
        Notice notice = normalize(new FeedSplitter().split(atomEntry("""
                <title type="text">Press &lt;Apply&gt; to register</title>
                <content type="html">&lt;p&gt;Body&lt;/p&gt;</content>
                """)).get(0));

        assertThat(notice.original().title()).isEqualTo("Press <Apply> to register");
    }

    @Test
    void keepsAngleBracketsInAPlainTextSummary() throws Exception {
        Notice notice = normalize(new FeedSplitter().split(atomEntry("""
                <title>Ages</title>
                <summary type="text">Children &lt;b&gt;under&lt;/b&gt; 12</summary>
                <content type="html">&lt;p&gt;Body&lt;/p&gt;</content>
                """)).get(0));

        assertThat(notice.original().summary()).isEqualTo("Children <b>under</b> 12");
    }

    @Test
    void neverLinksToAGuidThatIsNoUrl() throws Exception {
        byte[] feed = rss("<item><title>Shelters</title><guid>ua-7</guid><description>Open.</description></item>");

        Notice notice = normalize(new FeedSplitter().split(feed).get(0));

        assertThat(notice.links()).allSatisfy(link -> assertThat(link.href()).matches("https?://.+"));
        assertThat(notice.original().url())
                .satisfiesAnyOf(
                        url -> assertThat(url).isNull(), url -> assertThat(url).matches("https?://.+"));
    }

    @Test
    void rejectsAnUnknownContentType() throws Exception {
        RawRecord raw = raw(entry("athens-el.rss.xml", 0), "en", "text/csv");

        assertThatThrownBy(() -> normalizer.normalize(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text/csv");
    }

    @Test
    void rejectsABodyThatIsNotAFeedEntry() {
        RawRecord raw = raw(
                "partner:garbage-1",
                RawHeaders.FEED_ENTRY,
                new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '<', '?'},
                "en");

        assertThatThrownBy(() -> normalizer.normalize(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAWholeFeedInsteadOfOneEntry() throws Exception {
        RawRecord raw = raw("partner:whole-feed", RawHeaders.FEED_ENTRY, fixture("athens-el.rss.xml"), "en");

        assertThatThrownBy(() -> normalizer.normalize(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one");
    }

    @Test
    void rejectsAnEntryWithADoctype() {
        byte[] xxe = fixtureUnchecked("xxe.rss.xml");
        RawRecord raw = raw("partner:xxe-1", RawHeaders.FEED_ENTRY, xxe, "en");

        assertThatThrownBy(() -> normalizer.normalize(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] rss(String item) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0">
                  <channel>
                    <title>Partner</title>
                    <link>https://partner.example/</link>
                    <description>d</description>
                    %s
                  </channel>
                </rss>
                """.formatted(item).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] atomEntry(String elements) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
                  <title>Partner</title>
                  <id>urn:uuid:0f0e0d0c-0000-4000-8000-000000000003</id>
                  <updated>2026-11-26T08:00:00Z</updated>
                  <entry>
                    <id>entry-1</id>
                    <updated>2026-11-26T08:00:00Z</updated>
                    %s
                  </entry>
                </feed>
                """.formatted(elements).getBytes(StandardCharsets.UTF_8);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "2026-03-03T09:15:00+02:00 | 2026-03-03T07:15:00Z",
                "2026-03-03T09:15:00 | 2026-03-03T07:15:00Z",
                "Tue, 03 Mar 2026 10:15:00 EEST | 2026-03-03T07:15:00Z",
                "1772522100 | 2026-03-03T07:15:00Z",
                "03/03/2026 | ",
            })
    void readsTheDatesJsonFeedsReallyHaveAndLeavesAnUnreadableOneOut(String date, String expected) {
        byte[] feed = """
                {"version": "https://jsonfeed.org/version/1.1", "title": "IOM Greece", "language": "el",
                 "items": [{"id": "iom-1", "title": "Ενημέρωση", "content_text": "Κείμενο.", "date_published": "%s"}]}
                """.formatted(date).getBytes(StandardCharsets.UTF_8);
        RawRecord raw = raw("iom:iom-1", RawHeaders.JSON_FEED_ENTRY, feed, "el");

        Notice notice = ((Outcome.Draft) normalizer.normalize(raw)).notice();

        assertThat(notice.publishedAt()).isEqualTo(expected == null ? null : Instant.parse(expected));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "<pubDate>Tue, 03 Mar 2026 10:15:00 EEST</pubDate> | 2026-03-03T07:15:00Z",
                "<pubDate>Mon, 3 Mar 26 09:15 GMT+2</pubDate> | 2026-03-03T07:15:00Z",
                "<pubDate>2026-03-03 09:15</pubDate> | 2026-03-03T07:15:00Z",
                "<pubDate>Tue, 03 Mar 2026 07:15:00 GMT</pubDate> | 2026-03-03T07:15:00Z",
                "<dc:date>2026-03-03T09:15:00+02:00</dc:date> | 2026-03-03T07:15:00Z",
                "<pubDate>soon</pubDate> | ",
            })
    void readsTheDatesFeedsReallyHaveAndLeavesAnUnreadableOneOut(String date, String expected) {
        byte[] feed = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
                <title>UNHCR Greece</title><link>https://www.unhcr.org/gr/</link><description>d</description>
                <language>el</language>
                <item><title>Ενημέρωση</title><guid>unhcr-1</guid><description>Κείμενο.</description>%s</item>
                </channel></rss>
                """.formatted(date).getBytes(StandardCharsets.UTF_8);

        Notice notice = ((Outcome.Draft) normalizer.normalize(raw("unhcr:unhcr-1", RawHeaders.FEED_ENTRY, feed, "el")))
                .notice();

        assertThat(notice.publishedAt()).isEqualTo(expected == null ? null : Instant.parse(expected));
    }

    @Test
    void readsAnAtomUpdatedTimeWithoutAZoneAsAthensTime() {
        byte[] feed = """
                <feed xmlns="http://www.w3.org/2005/Atom"><title>IRC</title><id>urn:irc</id>
                <updated>2026-07-01T12:00:00Z</updated>
                <entry><id>urn:irc:1</id><title>Update</title><summary>Text.</summary>
                <updated>2026-07-01T12:00:00</updated></entry></feed>
                """.getBytes(StandardCharsets.UTF_8);

        Notice notice =
                ((Outcome.Draft) normalizer.normalize(raw("irc:irc-1", RawHeaders.FEED_ENTRY, feed, "en"))).notice();

        assertThat(notice.updatedAt()).isEqualTo(Instant.parse("2026-07-01T09:00:00Z"));
    }

    private static RawRecord raw(String id, String contentType, byte[] bytes, String defaultLanguage) {
        return raw(id, contentType, bytes, null, defaultLanguage);
    }

    private Notice normalize(FeedEntry entry) {
        return normalize(entry, "en");
    }

    private Notice normalize(FeedEntry entry, String defaultLanguage) {
        return ((Outcome.Draft) normalizer.normalize(raw(entry, defaultLanguage, RawHeaders.FEED_ENTRY))).notice();
    }

    static RawRecord raw(FeedEntry entry, String defaultLanguage, String contentType) {
        return raw("partner:" + entry.externalId(), contentType, entry.document(), entry.language(), defaultLanguage);
    }

    private static RawRecord raw(
            String id, String contentType, byte[] bytes, @Nullable String declaredLanguage, String defaultLanguage) {
        return new RawRecord(
                NoticeId.parse(id),
                "partner.x",
                contentType,
                RECEIVED,
                "https://partner.example/feed.xml",
                declaredLanguage,
                defaultLanguage,
                "news",
                bytes,
                "hub.inbound.raw",
                2,
                4711L);
    }

    static FeedEntry entry(String fixture, int index) throws Exception {
        return entries(fixture).get(index);
    }

    static List<FeedEntry> entries(String fixture) throws Exception {
        return new FeedSplitter().split(fixture(fixture));
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = NormalizerTest.class.getResourceAsStream("/feeds/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static byte[] fixtureUnchecked(String name) {
        try {
            return fixture(name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void refusesARawRecordWithADoctypeWithoutResolvingAnything() throws Exception {
        byte[] hostile = new String(
                        NormalizerTest.class
                                .getResourceAsStream("/feeds/xxe.rss.xml")
                                .readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        FeedEntry entry = new FeedEntry("xxe-1", RawHeaders.FEED_ENTRY, hostile, null, null, "hash");

        assertThatThrownBy(() -> normalizer.normalize(raw(entry, "en", RawHeaders.FEED_ENTRY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void detectsTheLanguageOfAnEntryWhoseFeedDeclaresNoneAndSaysSo() throws Exception {
        byte[] feed = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>UNHCR</title><link>https://example.org/</link><description>d</description>
                <item><title>دفتر پناهندگی</title><guid>fa-1</guid>
                <description>دفتر پناهندگی در آتن از روز دوشنبه برای ثبت درخواست‌های جدید باز است و نوبت‌دهی از طریق تلفن انجام می‌شود.</description>
                </item></channel></rss>
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        FeedEntry entry = new FeedEntry("fa-1", RawHeaders.FEED_ENTRY, feed, null, null, "hash");

        Notice notice = ((Outcome.Draft) normalizer.normalize(raw(entry, "en", RawHeaders.FEED_ENTRY))).notice();

        assertThat(notice.originalLanguage()).isEqualTo("fa");
        assertThat(notice.original().languageSource()).isEqualTo("detected");
        assertThat(notice.original().dir()).isEqualTo("rtl");
    }

    @Test
    void recordsThatADeclaredLanguageWasDeclared() throws Exception {
        Notice notice = normalize(entry("athens-el.rss.xml", 0), "en");

        assertThat(notice.original().languageSource()).isEqualTo("declared");
    }
}
