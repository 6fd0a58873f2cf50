package gr.accmr.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gr.accmr.hub.ConsoleSession;
import gr.accmr.hub.HubITSupport;
import gr.accmr.hub.SignedPush;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The overview's chart of the last hour counts what went through the stages, minute by minute. */
class ThroughputIT extends HubITSupport {

    @Autowired
    Throughput throughput;

    @Autowired
    MeterRegistry meters;

    @Test
    void chartsTheRecordsOfEachMinuteAndShowsThemOnTheOverview() {
        throughput.sample();
        double before = meters.find("hub.stage.records")
                .tag("stage", "fanout.mobile")
                .counter()
                .count();
        for (int i = 0; i < 3; i++) {
            assertThat(SignedPush.push(port, "irc-api", PUSH_SECRET, """
                            {"externalId": "chart-%d", "translations": {"en": {"title": "Charted %d", "bodyText": "x"}}}
                            """.formatted(i, i))
                            .statusCode())
                    .isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> meters.find("hub.stage.records")
                                .tag("stage", "fanout.mobile")
                                .counter()
                                .count()
                        >= before + 3);
        throughput.sample();

        Throughput.Chart chart = throughput.chart();
        Throughput.Line mobile = chart.lines().stream()
                .filter(line -> line.stage().equals("fanout.mobile"))
                .findFirst()
                .orElseThrow();
        assertThat(mobile.lastMinute()).isGreaterThanOrEqualTo(3);
        assertThat(chart.max()).isGreaterThanOrEqualTo(mobile.lastMinute());
        // The newest minute sits at the right edge, at the height of its figure.
        assertThat(mobile.points()).contains("600.0,");

        ConsoleSession reader = new ConsoleSession(port);
        reader.signIn("reader", OPERATOR_PASSWORD);
        assertThat(reader.get("/console").body())
                .contains("<svg viewBox=\"0 0 600 120\"", "data-stage=\"fanout.mobile\"", "points=\"");
    }
}
