package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.platform.Stages;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The topics page and API: partitions, offsets, sizes, and each consumer group's lag per partition. */
class ConsoleTopicsIT extends HubITSupport {

    @Autowired
    Stages stages;

    @Test
    void showsOffsetsSizesAndTheLagOfTheGroupsReadingEachTopic() {
        HttpResponse<String> pushed = SignedPush.push(port, "irc-api", PUSH_SECRET, """
                {"externalId": "topics-%s", "kind": "notice", "publishedAt": "2026-12-01T10:00:00Z",
                 "translations": {"en": {"title": "Topics page", "bodyText": "One more record."}}}
                """.formatted(UUID.randomUUID()));
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(202);
        String normalizeGroup = stages.stage("normalize.notices").orElseThrow().groupId();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode raw = topic(
                    json(request("GET", "/api/v1/admin/topics", "reader", OPERATOR_PASSWORD, null)
                            .body()),
                    "hub.inbound.raw");
            assertThat(raw.get("partitions")).hasSize(3);
            long records = 0;
            long bytes = 0;
            for (JsonNode partition : raw.get("partitions")) {
                records +=
                        partition.get("end").asLong() - partition.get("start").asLong();
                bytes += partition.get("bytes").asLong();
            }
            assertThat(records).isPositive();
            assertThat(bytes).isPositive();
            JsonNode normalize = null;
            for (JsonNode group : raw.get("groups")) {
                if (group.get("group").asText().equals(normalizeGroup)) {
                    normalize = group;
                }
            }
            assertThat(normalize).as("group %s on %s", normalizeGroup, raw).isNotNull();
            assertThat(normalize.get("partitions")).hasSize(3);
            for (JsonNode partition : normalize.get("partitions")) {
                assertThat(partition.get("lag").asLong())
                        .isEqualTo(partition.get("end").asLong()
                                - partition.get("committed").asLong());
            }
        });

        ConsoleSession reader = new ConsoleSession(port);
        reader.signIn("reader", OPERATOR_PASSWORD);
        HttpResponse<String> page = reader.get("/console/topics");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-topic=\"hub.inbound.raw\"", "data-topic=\"hub.notices\"", "data-topic=\"hub.dlq\"")
                .contains("data-group=\"" + normalizeGroup + "\"");
        assertThat(http("/api/v1/admin/topics", false).statusCode()).isEqualTo(401);
    }

    private static JsonNode topic(JsonNode topics, String name) {
        for (JsonNode topic : topics) {
            if (topic.get("topic").asText().equals(name)) {
                return topic;
            }
        }
        throw new AssertionError("no topic " + name + " in " + topics);
    }
}
