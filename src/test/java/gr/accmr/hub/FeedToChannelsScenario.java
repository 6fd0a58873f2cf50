package gr.accmr.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import gr.accmr.hub.notice.NoticeEvents;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.platform.Stages;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A partner's RSS feed (Greek) and Atom feed (Arabic) flow through Kafka to the archive, the mobile
 * feeds and the static site. Runs against the embedded servers and, where Docker exists, against
 * containers.
 */
abstract class FeedToChannelsScenario extends HubITSupport {

    static final String GREEK_ID = "athens:athens-2026-101";
    static final String ARABIC_ID = "irc:" + NoticeId.externalIdFor("tag:refugee.info,2026:article-4411");
    static final List<String> CONSUMER_STAGES =
            List.of("normalize.notices", "review.gate", "fanout.archive", "fanout.mobile", "fanout.website");

    @Autowired
    Stages stages;

    @Test
    void deliversGreekAndArabicItemsToTheArchiveTheMobileFeedsAndTheSite() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(getJson("/api/v1/archive/notices?partner=athens")).hasSize(2);
            assertThat(getJson("/api/v1/archive/notices?partner=irc")).hasSize(2);
        });

        JsonNode greek = getJson("/api/v1/archive/notices/" + GREEK_ID);
        JsonNode notice = greek.get("notice");
        assertThat(notice.get("originalLanguage").asText()).isEqualTo("el");
        assertThat(notice.at("/translations/el/title").asText()).isEqualTo("Δωρεάν μαθήματα ελληνικών για ενήλικες");
        assertThat(notice.at("/translations/el/bodyHtml").asText())
                .contains("<strong>δωρεάν</strong>")
                .contains("https://www.cityofathens.gr/kentra")
                .doesNotContain("<script");
        assertThat(notice.get("publishedAt").asText()).isEqualTo("2026-11-25T08:30:00Z");
        assertThat(greek.get("versions")).hasSize(1);

        JsonNode newestFirst = getJson("/api/v1/archive/notices?partner=athens");
        assertThat(newestFirst.get(0).get("id").asText()).isEqualTo(GREEK_ID);

        JsonNode arabic = getJson("/api/v1/archive/notices/" + ARABIC_ID).get("notice");
        assertThat(arabic.get("originalLanguage").asText()).isEqualTo("ar");
        assertThat(arabic.at("/translations/ar/dir").asText()).isEqualTo("rtl");
        assertThat(arabic.at("/translations/ar/bodyHtml").asText()).doesNotContain("onclick");

        JsonNode arabicFeed = feed("ar");
        JsonNode item = item(arabicFeed, ARABIC_ID);
        assertThat(item.get("title").asText()).isEqualTo("تجديد تصريح الإقامة في أثينا");
        assertThat(item.at("/_accmr/dir").asText()).isEqualTo("rtl");
        assertThat(item(feed("el"), GREEK_ID).at("/_accmr/dir").asText()).isEqualTo("ltr");

        var page = http("/site/el/athens/athens-2026-101.html", false);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<html lang=\"el\" dir=\"ltr\">")
                .contains("Δωρεάν μαθήματα ελληνικών")
                .doesNotContain("<script");
        String arabicPage = "/site/ar/irc/" + NoticeId.parse(ARABIC_ID).externalId() + ".html";
        assertThat(http(arabicPage, false).body()).contains("<html lang=\"ar\" dir=\"rtl\">");
        assertThat(http("/site/el/", false).body()).contains("athens/athens-2026-101.html");
    }

    @Test
    void publishesCloudEventsWhoseDataMatchesTheNoticeSchema() throws IOException {
        awaitNotices();
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(Path.of("docs/schemas/notice.schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        }
        List<ConsumerRecord<String, byte[]>> notices = new ArrayList<>(records("hub.notices", "athens:"));
        notices.addAll(records("hub.notices", "irc:"));
        assertThat(notices).hasSize(4);
        for (ConsumerRecord<String, byte[]> record : notices) {
            CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
            assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
            assertThat(event.getType()).isEqualTo(NoticeEvents.PUBLISHED);
            assertThat(event.getSubject()).isEqualTo(record.key());
            assertThat(event.getId()).isEqualTo(record.key() + ":v1");
            assertThat(event.getSource().toString())
                    .isEqualTo("/partners/" + record.key().split(":")[0]);
            assertThat(event.getDataContentType()).isEqualTo("application/json");
            assertThat(schema.validate(
                            json(new String(event.getData().toBytes(), java.nio.charset.StandardCharsets.UTF_8))))
                    .as("schema errors of %s", record.key())
                    .isEmpty();
        }
    }

    @Test
    void keepsOneVersionWhenFeedsArePolledAgainAndConsumersReplayEverything() throws Exception {
        awaitNotices();
        // Several more polls of the unchanged feed.
        int polled = PARTNERS.countRequestsMatching(
                        getRequestedFor(urlPathEqualTo("/feeds/athens.xml")).build())
                .getCount();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> PARTNERS.countRequestsMatching(getRequestedFor(urlPathEqualTo("/feeds/athens.xml"))
                                        .build())
                                .getCount()
                        >= polled + 2);
        assertThat(records("hub.inbound.raw", "athens:")).hasSize(2);

        // Every consumer stops, forgets its offsets and reads everything again.
        try (Admin admin = admin()) {
            CONSUMER_STAGES.forEach(stages::suspend);
            rewind(admin, "hub.normalize", "hub.inbound.raw");
            rewind(admin, "hub.review", "hub.notices");
            rewind(admin, "hub.fanout.archive", "hub.notices");
            for (String channel : List.of("mobile", "website")) {
                rewind(admin, "hub.fanout." + channel, "hub.notices.approved");
            }
            CONSUMER_STAGES.forEach(stages::resume);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(lag(admin, "hub.normalize", "hub.inbound.raw")).isZero();
                assertThat(lag(admin, "hub.review", "hub.notices")).isZero();
                assertThat(lag(admin, "hub.fanout.archive", "hub.notices")).isZero();
                for (String channel : List.of("mobile", "website")) {
                    assertThat(lag(admin, "hub.fanout." + channel, "hub.notices.approved"))
                            .isZero();
                }
            });
        }

        assertThat(records("hub.notices", "athens:")).hasSize(2);
        assertThat(getJson("/api/v1/archive/notices/" + GREEK_ID).get("versions"))
                .hasSize(1);
        assertThat(getJson("/api/v1/archive/notices?partner=athens")).hasSize(2);
        List<String> greekItems = new ArrayList<>();
        feed("el").get("items").forEach(item -> greekItems.add(item.get("id").asText()));
        assertThat(greekItems).doesNotHaveDuplicates().contains(GREEK_ID, "athens:athens-2026-102");
        String index = http("/site/el/index.html", false).body();
        assertThat(index.split("athens/athens-2026-101.html", -1)).hasSize(2);
    }

    private void awaitNotices() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> records("hub.notices", "athens:").size() == 2
                        && records("hub.notices", "irc:").size() == 2);
    }

    private JsonNode feed(String language) {
        var response = http("/feeds/" + language + ".json", false);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/feed+json"));
        JsonNode feed = json(response.body());
        // JSON Feed 1.1: version and title required; every item has an id and some content.
        assertThat(feed.get("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(feed.get("title").asText()).isNotBlank();
        assertThat(feed.get("items").isArray()).isTrue();
        for (JsonNode item : feed.get("items")) {
            assertThat(item.get("id").isTextual()).isTrue();
            assertThat(item.has("content_html") || item.has("content_text")).isTrue();
        }
        return feed;
    }

    private static JsonNode item(JsonNode feed, String id) {
        for (JsonNode item : feed.get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no item " + id + " in feed " + feed.get("feed_url"));
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.servers()));
    }

    private static void rewind(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .forEach(p -> start.put(new TopicPartition(topic, p.partition()), new OffsetAndMetadata(0)));
        // The group must have no members left; suspended stages leave it, maybe a moment later.
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .untilAsserted(() ->
                        admin.alterConsumerGroupOffsets(group, start).all().get(10, TimeUnit.SECONDS));
    }

    private static long lag(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }
}
