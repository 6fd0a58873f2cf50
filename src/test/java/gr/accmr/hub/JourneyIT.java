package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** The journey of a notice answers "did it reach the website?", version by version. */
class JourneyIT extends HubITSupport {

    private static final String ENTRY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>IRC</title><link>https://example.org/</link>
            <description>d</description><language>en</language>
            <item><title>%s</title><guid>trip-1</guid><link>https://example.org/trip-1</link>
            <description>Free legal aid on Tuesdays.</description></item>
            </channel></rss>
            """;

    @Test
    void tellsWhereEveryVersionCameFromAndWhatEachChannelDidWithIt() {
        send(raw("Legal aid"));
        send(raw("Legal aid on Tuesdays"));
        JsonNode journey = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> json(http("/api/v1/notices/journey:trip-1/journey", true)
                                .body()),
                        found -> found.path("versions").size() >= 1
                                && delivered(found.path("versions")
                                                .get(found.path("versions").size() - 1))
                                        == 4);
        JsonNode last = journey.path("versions").get(journey.path("versions").size() - 1);
        assertThat(last.at("/published/rawTopic").asText()).isEqualTo("hub.inbound.raw");
        assertThat(last.at("/published/rawOffset").isNumber()).isTrue();
        assertThat(last.at("/published/receivedAt").asText()).isNotBlank();
        assertThat(last.at("/channels/website/outcome").asText()).isEqualTo("delivered");
        assertThat(last.at("/channels/website/target").asText()).isEqualTo("/site/en/journey/trip-1.html");
        assertThat(last.at("/channels/archive/outcome").asText()).isEqualTo("delivered");
        assertThat(last.at("/channels/mobile/outcome").asText()).isEqualTo("delivered");
        assertThat(journey.path("channels"))
                .extracting(JsonNode::asText)
                .containsExactly("alerts", "archive", "mobile", "website");

        assertThat(http("/api/v1/notices/journey:never/journey", true).statusCode())
                .isEqualTo(404);
        assertThat(http("/api/v1/notices/journey:trip-1/journey", false).statusCode())
                .isEqualTo(401);
    }

    @Test
    void recordsAVersionOlderThanTheChannelsOneAsSkipped() throws Exception {
        send(raw("Legal aid, older test"));
        ConsumerRecord<String, byte[]> published = await().atMost(Duration.ofSeconds(30))
                .until(() -> records("hub.notices", "journey:trip-1"), found -> !found.isEmpty())
                .get(0);
        // Versions 1 and 3 of another notice reach the channels, then 2 arrives late and 3 again,
        // likely in one batch: each channel writes one line per version, its current one is 3.
        for (int version : new int[] {1, 3, 2, 3}) {
            ObjectNode notice = (ObjectNode) NoticeJson.mapper().readTree(published.value());
            notice.put("id", "journey:late-1").put("externalId", "late-1").put("version", version);
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                    "hub.notices", "journey:late-1", NoticeJson.mapper().writeValueAsBytes(notice));
            for (Header header : published.headers()) {
                record.headers().add(header);
            }
            send(record);
        }
        JsonNode journey = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> json(http("/api/v1/notices/journey:late-1/journey", true)
                                .body()),
                        found -> found.path("deliveries").size() == 12);
        for (JsonNode delivery : journey.path("deliveries")) {
            String expected = delivery.path("version").asInt() == 2 ? "skipped-older" : "delivered";
            assertThat(delivery.path("outcome").asText())
                    .as("version %s in %s", delivery.path("version"), delivery.path("channel"))
                    .isEqualTo(expected);
        }
        List<Integer> archived = new java.util.ArrayList<>();
        json(http("/api/v1/archive/notices/journey:late-1/versions", true).body())
                .forEach(version -> archived.add(version.path("version").asInt()));
        assertThat(archived).containsExactly(3, 2, 1);
        assertThat(json(http("/api/v1/archive/notices/journey:late-1", true).body())
                        .at("/notice/version")
                        .asInt())
                .isEqualTo(3);
    }

    private static int delivered(JsonNode version) {
        int delivered = 0;
        for (JsonNode channel : version.path("channels")) {
            if (channel.path("outcome").asText().equals("delivered")) {
                delivered++;
            }
        }
        return delivered;
    }

    private static ProducerRecord<String, byte[]> raw(String title) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                "hub.inbound.raw", "journey:trip-1", ENTRY.formatted(title).getBytes(StandardCharsets.UTF_8));
        header(record, RawHeaders.PARTNER, "journey");
        header(record, RawHeaders.SOURCE, "partner.journey");
        header(record, RawHeaders.CONTENT_TYPE, RawHeaders.FEED_ENTRY);
        header(record, RawHeaders.RECEIVED_AT, Instant.now().toString());
        header(record, RawHeaders.LANGUAGE, "en");
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
