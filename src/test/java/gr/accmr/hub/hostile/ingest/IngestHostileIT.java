package gr.accmr.hub.hostile.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import gr.accmr.hub.HubITSupport;
import gr.accmr.hub.hostile.HostileFeeds;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.Translation;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The hub under hostile input, with real servers: WireMock as partner servers that send huge,
 * endless or trickling answers, GreenMail with an oversized newsletter, internal addresses as feed
 * URLs, and records written straight to {@code hub.notices} by something that is not the hub.
 * Throughout, a well-behaved partner's new notices keep arriving.
 */
class IngestHostileIT extends HubITSupport {

    @Autowired
    CamelContext camel;

    @Autowired
    MeterRegistry meters;

    private static GreenMail mailServer;
    private static GreenMailUser mailbox;

    @BeforeAll
    static void startMailServer() {
        mailServer = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS));
        mailServer.start();
        mailbox = mailServer.setUser("hostile@accmr.gr", "hostile", "mailbox-secret");
    }

    @AfterAll
    static void stopMailServer() {
        mailServer.stop();
    }

    @Test
    void pollsAFeedWithAFourMegabyteDescriptionInMemoryBoundedBelowOneCopyOfItPerItem() {
        // 200 items: one copy of the description each would be 800 MB, far above what a bounded poll
        // takes; more items would prove nothing more and only give every channel more to deliver.
        int items = 200;
        int description = 4 << 20;
        byte[] feed = HostileFeeds.rssWithHugeHeader(description, items, PARTNERS.baseUrl() + "/huge");
        PARTNERS.stubFor(get(urlPathEqualTo("/hostile/huge.xml"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/rss+xml")
                        .withBody(feed)));
        addFeedPartner("hostile-huge", PARTNERS.baseUrl() + "/hostile/huge.xml", true, "1h");
        String steady = steadyPartnerPublishes("steady-huge");

        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() ->
                        assertThat(records("hub.inbound.raw", "hostile-huge:")).hasSize(items));
        List<ConsumerRecord<String, byte[]>> raw = records("hub.inbound.raw", "hostile-huge:");
        // Each record is one item with the feed's title, link and language: no copy of the description.
        assertThat(raw).allSatisfy(record -> {
            assertThat(record.value().length).isLessThan(1024);
            assertThat(new String(record.value(), StandardCharsets.UTF_8))
                    .doesNotContain(HostileFeeds.DESCRIPTION_MARK);
        });
        // Nor in memory on the way: everything the poll allocated, from the request to the last
        // record sent, stays below half a copy of the description per item (a bounded poll takes
        // about 25 descriptions' worth here, mostly parsing; copying would take at least 200).
        assertThat(allocatedByPoll("hostile-huge")).isBetween(1L, (long) items / 2 * description);
        // Every channel takes them all before the next test, so it finds no backlog.
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() ->
                        assertThat(records("hub.notices", "hostile-huge:")).hasSizeGreaterThanOrEqualTo(items));
        Map<Integer, String> lastOfPartition = records("hub.notices", "hostile-huge:").stream()
                .collect(Collectors.toMap(ConsumerRecord::partition, ConsumerRecord::key, (first, later) -> later));
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(lastOfPartition.values()).allSatisfy(id -> {
                    JsonNode versions =
                            getJson("/api/v1/notices/" + id + "/journey").path("versions");
                    JsonNode channels = versions.get(versions.size() - 1).path("channels");
                    for (String channel : List.of("website", "archive", "mobile")) {
                        assertThat(channels.at("/" + channel + "/outcome").asText())
                                .as(id + " in " + channel)
                                .isEqualTo("delivered");
                    }
                }));
        awaitArchived(steady);
    }

    @Test
    void cutsATricklingServerOffAtTheDeadlineAndReportsIt() {
        // A byte every two seconds: no read ever times out, the response would take four minutes.
        PARTNERS.stubFor(get(urlPathEqualTo("/hostile/trickle.xml"))
                .willReturn(aResponse().withBody(new byte[120]).withChunkedDribbleDelay(120, 240_000)));
        addFeedPartner("hostile-trickle", PARTNERS.baseUrl() + "/hostile/trickle.xml", true, "1h");
        String steady = steadyPartnerPublishes("steady-trickle");

        // The deadline is 5 s in these tests.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(partnerStatus("hostile-trickle")
                                .path("lastError")
                                .asText())
                        .contains("deadline"));
        awaitArchived(steady);
    }

    @Test
    void cutsAnOversizedBodyAtTheCapAndReportsIt() {
        // 11 MiB without a Content-Length: the cap (10 MiB) is found by reading, then the connection dropped.
        PARTNERS.stubFor(get(urlPathEqualTo("/hostile/endless.xml"))
                .willReturn(
                        aResponse().withHeader("Transfer-Encoding", "chunked").withBody(new byte[11 << 20])));
        addFeedPartner("hostile-endless", PARTNERS.baseUrl() + "/hostile/endless.xml", true, "1h");

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(partnerStatus("hostile-endless")
                                .path("lastError")
                                .asText())
                        .contains("TooLargeException", "bytes allowed"));
        assertThat(records("hub.inbound.raw", "hostile-endless:")).isEmpty();
    }

    @Test
    void refusesSpecialPurposeAddressesEvenForAPartnerOnAPrivateNetwork() {
        Map<String, String> refused = Map.of(
                "hostile-metadata", "http://169.254.169.254/latest/meta-data/",
                "hostile-nat64", "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",
                "hostile-mapped", "http://[::ffff:169.254.169.254]/latest/",
                "hostile-unspecified", "http://0.0.0.0:" + PARTNERS.port() + "/feeds/athens.xml",
                "hostile-aws6", "http://[fd00:ec2::254]/latest/meta-data/");
        refused.forEach((partner, url) -> addFeedPartner(partner, url, true, "1h"));
        // A private address is let through for such a partner: it fails only because nothing answers.
        addFeedPartner("hostile-private", "http://10.255.255.1:81/feed.xml", true, "1h");
        String steady = steadyPartnerPublishes("steady-addresses");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String partner : refused.keySet()) {
                assertThat(partnerStatus(partner).path("lastError").asText())
                        .as(partner)
                        .contains("BlockedAddressException", "which no partner may use");
            }
            assertThat(partnerStatus("hostile-private").path("lastError").asText())
                    .isNotBlank()
                    .doesNotContain("BlockedAddressException");
        });
        awaitArchived(steady);
    }

    @Test
    void skipsAnOversizedNewsletterOnceAndRecordsIt() throws Exception {
        mailbox.deliver(
                mail("small-1@cities.example", "<p>Greek lessons start on Monday at the community centre.</p>"));
        // 3 MB: larger than a record holds in these tests (2 MiB).
        mailbox.deliver(mail("huge-1@cities.example", "<p>" + "The annual report. ".repeat(160_000) + "</p>"));
        TemplatedRouteBuilder.builder(camel, "imap-partner")
                .routeId("partner.hostile-mail")
                .parameter("partner", "hostile-mail")
                .parameter("host", "127.0.0.1")
                .parameter("port", String.valueOf(mailServer.getImaps().getPort()))
                .parameter("username", "hostile")
                .parameter("password", "mailbox-secret")
                .parameter("allowedSenders", "@cities.example")
                .parameter("interval", "1s")
                .parameter("trustAllCertificates", "true")
                .add();

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(seen("huge-1@cities.example")).isTrue();
            assertThat(getJson("/api/v1/archive/notices?partner=hostile-mail"))
                    .extracting(notice -> notice.get("externalId").asText())
                    .containsExactly("small-1@cities.example");
        });
        assertThat(partnerStatus("hostile-mail").path("lastWarning").asText())
                .contains("huge-1@cities.example", "larger than");
        // Polls every second go on, and it is still counted once: it is never fetched again.
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(10))
                .until(() -> meters.counter("hub.mail.oversized", "partner", "hostile-mail")
                                .count()
                        == 1.0);
        assertThat(records("hub.inbound.raw", "hostile-mail:")).hasSize(1);
    }

    @Test
    void aHostileRecordOnTheNoticesTopicComesOutOfEveryChannelInert() {
        Notice evil = notice(
                "evil-1",
                "en",
                new Translation(
                        "Office hours",
                        "Office hours change.",
                        "<p onclick=\"alert(1)\">Office hours change.</p><script>alert(1)</script>"
                                + "<a href=\"javascript:alert(1)\">details</a>"
                                + "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\"><iframe src=\"https://evil.example\">",
                        "Office hours change.",
                        "ltr",
                        "javascript:alert(document.cookie)"),
                List.of(
                        new Notice.Link("javascript:alert(1)", "alternate", null),
                        new Notice.Link("https://example.org/hours", "related", null)),
                List.of(new Notice.Attachment("data:text/html,<script>alert(1)</script>", "text/html", null, null)));
        send(new ProducerRecord<>("hub.notices", evil.id(), NoticeJson.write(evil)));

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(http("/api/v1/archive/notices/" + evil.id(), true).statusCode())
                    .isEqualTo(200);
            assertThat(http("/site/en/hostile-kafka/evil-1.html", false).statusCode())
                    .isEqualTo(200);
            assertThat(http("/feeds/en.json?partner=hostile-kafka", false).body())
                    .contains(evil.id());
        });
        JsonNode archived = getJson("/api/v1/archive/notices/" + evil.id()).get("notice");
        assertThat(archived.at("/translations/en/bodyHtml").asText())
                .contains("Office hours change.")
                .doesNotContain("<script", "onclick", "javascript:", "data:", "<iframe");
        assertThat(archived.at("/translations/en/url").isMissingNode()).isTrue();
        assertThat(archived.get("links"))
                .extracting(link -> link.get("href").asText())
                .containsExactly("https://example.org/hours");
        assertThat(archived.path("attachments")).isEmpty();
        for (String channel : List.of(
                "/api/v1/archive/notices/" + evil.id(),
                "/site/en/hostile-kafka/evil-1.html",
                "/feeds/en.json?partner=hostile-kafka",
                "/feeds/en.atom?partner=hostile-kafka")) {
            String body = http(channel, true).body();
            assertThat(body)
                    .as(channel)
                    .contains("Office hours")
                    .doesNotContain("javascript:", "data:text/html", "data:image", "<script", "onclick");
        }
    }

    @Test
    void refusesAnUnknownLanguageInsteadOfMakingAFolderOfIt() {
        Notice klingon = notice(
                "klingon-1",
                "zz",
                new Translation("Qapla'", "Qapla'", "<p>Qapla'</p>", "Qapla'", "ltr", null),
                List.of(),
                List.of());
        send(new ProducerRecord<>("hub.notices", klingon.id(), NoticeJson.write(klingon)));
        // A feed that declares an unknown language: its items fall back to the partner's language.
        PARTNERS.stubFor(get(urlPathEqualTo("/hostile/zz.xml"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/rss+xml")
                        .withBody("""
                                <?xml version="1.0" encoding="UTF-8"?>
                                <rss version="2.0"><channel><title>T</title><link>https://example.org/</link>
                                <language>zz</language>
                                <item><title>Free legal aid in Athens</title><guid>zz-1</guid>
                                <description>Free legal aid is available for refugees in Athens every weekday.</description>
                                </item></channel></rss>
                                """)));
        addFeedPartner("hostile-zz", PARTNERS.baseUrl() + "/hostile/zz.xml", true, "1h");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(records("hub.dlq", "hostile-kafka:klingon-1"))
                    .extracting(record -> headers(record).get("hub.error.stage"))
                    .containsExactlyInAnyOrder("fanout.alerts", "fanout.archive", "fanout.mobile", "fanout.website");
            assertThat(getJson("/api/v1/archive/notices/hostile-zz:zz-1")
                            .at("/notice/originalLanguage")
                            .asText())
                    .isEqualTo("en");
        });
        assertThat(headers(records("hub.dlq", "hostile-kafka:klingon-1").get(0)).get("hub.error.message"))
                .contains("unknown");
        assertThat(http("/site/zz/", false).statusCode()).isEqualTo(404);
        assertThat(http("/site/zz/hostile-kafka/klingon-1.html", false).statusCode())
                .isEqualTo(404);
        assertThat(http("/feeds/zz.json", false).statusCode()).isEqualTo(404);
    }

    // --- helpers ---

    private void addFeedPartner(String partner, String url, boolean allowPrivateNetwork, String interval) {
        try {
            TemplatedRouteBuilder.builder(camel, "rss-partner")
                    .routeId("partner." + partner)
                    .parameter("partner", partner)
                    .parameter("url", url)
                    .parameter("interval", interval)
                    .parameter("allowPrivateNetwork", String.valueOf(allowPrivateNetwork))
                    .add();
            camel.getRouteController().startRoute("partner." + partner);
        } catch (Exception e) {
            throw new IllegalStateException("cannot add partner " + partner, e);
        }
    }

    /**
     * A well-behaved partner whose feed gets a new item now: its id, which must reach the archive
     * while the hostile partner does its worst.
     */
    private String steadyPartnerPublishes(String partner) {
        PARTNERS.stubFor(get(urlPathEqualTo("/steady/" + partner + ".xml"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/rss+xml")
                        .withBody("""
                                <?xml version="1.0" encoding="UTF-8"?>
                                <rss version="2.0"><channel><title>Steady</title><link>https://example.org/</link>
                                <language>en</language>
                                <item><title>Clinic open on Saturday</title><guid>%s-1</guid>
                                <description>The municipal clinic opens on Saturday for vaccinations.</description>
                                </item></channel></rss>
                                """.formatted(partner))));
        addFeedPartner(partner, PARTNERS.baseUrl() + "/steady/" + partner + ".xml", true, "1s");
        return partner + ":" + partner + "-1";
    }

    /**
     * Bytes allocated so far by the thread that polls the partner: Camel's timer thread of its
     * route, which fetches, splits and sends on that one thread, and has polled once.
     */
    private static long allocatedByPoll(String partner) {
        Thread poller = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().endsWith("timer://rss-" + partner))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no timer thread of partner " + partner));
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(poller.getId());
    }

    private void awaitArchived(String noticeId) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(http("/api/v1/archive/notices/" + noticeId, true)
                                .statusCode())
                        .isEqualTo(200));
    }

    private static Notice notice(
            String externalId,
            String language,
            Translation translation,
            List<Notice.Link> links,
            List<Notice.Attachment> attachments) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new Notice(
                "hostile-kafka:" + externalId,
                "hostile-kafka",
                externalId,
                Notice.Kind.NEWS,
                Notice.Status.PUBLISHED,
                Notice.Urgency.NORMAL,
                1,
                "sha256:0",
                now,
                now,
                null,
                null,
                language,
                Map.of(language, translation),
                List.of(),
                null,
                links,
                attachments,
                new Notice.Source("partner.hostile-kafka", null, now, "hub.inbound.raw", 0, 0));
    }

    private static MimeMessage mail(String messageId, String html) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        };
        message.setFrom(new InternetAddress("news@cities.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("hostile@accmr.gr"));
        message.setSubject("Newsletter " + messageId, "UTF-8");
        message.setHeader("Content-Language", "en");
        message.setContent(html, "text/html; charset=UTF-8");
        message.saveChanges();
        return message;
    }

    private static boolean seen(String messageId) throws Exception {
        for (StoredMessage message :
                mailServer.getManagers().getImapHostManager().getInbox(mailbox).getMessages()) {
            String[] ids = message.getMimeMessage().getHeader("Message-ID");
            if (ids != null && Arrays.asList(ids).contains("<" + messageId + ">")) {
                return message.getFlags().contains(Flags.Flag.SEEN);
            }
        }
        throw new AssertionError("no message " + messageId + " in the mailbox");
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        return StreamSupport.stream(record.headers().spliterator(), false)
                .collect(Collectors.toMap(
                        Header::key, header -> new String(header.value(), StandardCharsets.UTF_8), (a, b) -> b));
    }
}
