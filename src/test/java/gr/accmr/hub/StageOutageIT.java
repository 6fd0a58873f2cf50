package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.notice.RawHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A channel whose sink is down waits for it, degraded and counted, and dead-letters nothing;
 * once the sink is back the notices arrive, in order.
 */
class StageOutageIT extends HubITSupport {

    private static final String ENTRY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>UNHCR</title><link>https://example.org/</link>
            <description>d</description><language>en</language>
            <item><title>%s</title><guid>outage-1</guid><link>https://example.org/outage-1</link>
            <description>Opening hours change during the holidays.</description></item>
            </channel></rss>
            """;

    @Autowired
    MeterRegistry meters;

    @Test
    void waitsForTheWebsiteDiskInsteadOfDeadLetteringAndThenDeliversInOrder() throws Exception {
        Path site = DATA_DIR.resolve("site");
        Path aside = DATA_DIR.resolve("site-aside");
        Files.createDirectories(site);
        double waitsBefore = waits();
        // The disk "fails": a plain file where the site's folder should be makes every write fail.
        Files.move(site, aside);
        Files.writeString(site, "not a folder");
        try {
            send(raw("First title"));
            send(raw("Second title"));
            await().atMost(Duration.ofSeconds(30)).until(() -> waits() > waitsBefore);
            JsonNode stage = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> json(http("/actuator/health", true).body()).at("/components/stages"),
                            health -> health.path("status").asText().equals("DEGRADED"));
            assertThat(stage.at("/details/fanout.website/state").asText()).isEqualTo("waiting");
            assertThat(stage.at("/details/fanout.website/reason").asText()).contains("site");
            // The other channels are not held up by the website.
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(getJson("/api/v1/archive/notices/outage:outage-1")
                                    .at("/notice/translations/en/title")
                                    .asText())
                            .isEqualTo("Second title"));
        } finally {
            Files.delete(site);
            Files.move(aside, site);
        }
        Path page = site.resolve("en/outage/outage-1.html");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(page)
                        .exists()
                        .content(StandardCharsets.UTF_8)
                        .contains("Second title"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> json(http("/actuator/health", true).body())
                        .at("/components/stages/details/fanout.website/state")
                        .asText()
                        .equals("running"));
        assertThat(records("hub.dlq", "outage:")).isEmpty();
    }

    @Test
    void operatorsSuspendAndResumeAStageAndEachActionIsAudited() {
        assertThat(request("POST", "/api/v1/admin/stages/fanout.mobile/suspend", "reader", OPERATOR_PASSWORD, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(request("POST", "/api/v1/admin/stages/no-such-stage/suspend", "operator", OPERATOR_PASSWORD, null)
                        .statusCode())
                .isEqualTo(404);
        try {
            JsonNode suspended = json(
                    request("POST", "/api/v1/admin/stages/fanout.mobile/suspend", "operator", OPERATOR_PASSWORD, null)
                            .body());
            assertThat(state(suspended, "fanout.mobile")).isEqualTo("suspended");
            assertThat(state(suspended, "fanout.archive")).isEqualTo("running");
        } finally {
            JsonNode resumed = json(
                    request("POST", "/api/v1/admin/stages/fanout.mobile/resume", "operator", OPERATOR_PASSWORD, null)
                            .body());
            assertThat(state(resumed, "fanout.mobile")).isEqualTo("running");
        }
        assertThat(getJson("/api/v1/admin/audit?limit=5").findValues("action"))
                .extracting(JsonNode::asText)
                .contains("stage.suspend", "stage.resume");
    }

    private static String state(JsonNode stages, String name) {
        for (JsonNode stage : stages) {
            if (stage.path("stage").asText().equals(name)) {
                return stage.path("state").asText();
            }
        }
        throw new AssertionError("no stage " + name + " in " + stages);
    }

    private double waits() {
        var counter =
                meters.find("hub.stage.waits").tag("stage", "fanout.website").counter();
        return counter == null ? 0 : counter.count();
    }

    private static ProducerRecord<String, byte[]> raw(String title) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                "hub.inbound.raw", "outage:outage-1", ENTRY.formatted(title).getBytes(StandardCharsets.UTF_8));
        header(record, RawHeaders.PARTNER, "outage");
        header(record, RawHeaders.SOURCE, "partner.outage");
        header(record, RawHeaders.CONTENT_TYPE, RawHeaders.FEED_ENTRY);
        header(record, RawHeaders.RECEIVED_AT, Instant.now().toString());
        header(record, RawHeaders.LANGUAGE, "en");
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
