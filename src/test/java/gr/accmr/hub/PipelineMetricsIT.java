package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What Prometheus scrapes: lag per stage, records per topic, open dead letters, the review queue, deliveries per channel. */
class PipelineMetricsIT extends HubITSupport {

    @Test
    void carriesLagPerStageDeadLettersTheReviewQueueAndDeliveriesPerChannel() {
        double before = value("hub_channel_deliveries_total\\{channel=\"mobile\",outcome=\"delivered\",?\\}");
        assertThat(SignedPush.push(port, "irc-api", PUSH_SECRET, """
                        {"externalId": "metrics-1", "translations": {"en": {"title": "Counted", "bodyText": "Once."}}}
                        """).statusCode())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> value("hub_channel_deliveries_total\\{channel=\"mobile\",outcome=\"delivered\",?\\}")
                        >= before + 1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(scrape())
                        .containsPattern(
                                "hub_stage_lag\\{stage=\"fanout.website\",topic=\"hub.notices.approved\",?\\} \\d")
                        .containsPattern("hub_stage_lag\\{stage=\"review.gate\",topic=\"hub.notices\",?\\} \\d")
                        .containsPattern("hub_topic_records\\{topic=\"hub.notices.approved\",?\\} [1-9]")
                        .containsPattern("hub_dead_letters_open(\\{\\})? \\d")
                        .containsPattern("hub_review_awaiting\\{urgent=\"true\",?\\} \\d")
                        // Per Camel route: the test partners poll every 2 s; the one that is down fails every poll.
                        .containsPattern("hub_route_exchanges\\{outcome=\"total\",route=\"partner.athens\",?\\} [1-9]")
                        .containsPattern("hub_route_started\\{route=\"partner.athens\",?\\} 1"));
        assertThat(request("GET", "/actuator/prometheus", null, "", null).statusCode())
                .isEqualTo(401);
    }

    private String scrape() {
        return http("/actuator/prometheus", true).body();
    }

    /** The sample's value, 0 when there is none yet. */
    private double value(String sample) {
        Matcher matcher =
                Pattern.compile("^" + sample + " (\\S+)$", Pattern.MULTILINE).matcher(scrape());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
