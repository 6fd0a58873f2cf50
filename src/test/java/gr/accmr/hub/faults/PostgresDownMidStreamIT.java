package gr.accmr.hub.faults;

import static org.awaitility.Awaitility.await;

import gr.accmr.hub.harness.HubInstance;
import gr.accmr.hub.harness.Pusher;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL is stopped the hard way ({@code pg_ctl stop -m immediate}: no checkpoint, every
 * connection dropped, then "connection refused") mid-stream for a minute ({@code
 * faults.postgres-down}). The push API refuses with 503 and Retry-After within 10 s, the normalizer
 * and the channels wait rather than dead-letter (nothing of the partner in {@code hub.dlq}), and
 * afterwards every acknowledged notice is on every channel once. No push can be accepted while the
 * database is away, so the test also writes records straight to {@code hub.inbound.raw} during the
 * outage, as records Kafka acknowledged just before it would be: the normalizer has work it cannot
 * finish and must wait.
 */
class PostgresDownMidStreamIT {

    private static final int IN_FLIGHT = 20;
    private static final Duration DOWN = FaultLab.duration("faults.postgres-down", Duration.ofSeconds(60));

    @Test
    void deliversEveryAcknowledgedPushOnceAfterPostgresWasStoppedHardForAMinute() {
        SoftAssertions softly = new SoftAssertions();
        try (FaultLab lab = new FaultLab("PostgresDownMidStreamIT").start()) {
            HubInstance hub = lab.hub("hub", lab.noRoutes());
            hub.startAndAwait();
            lab.subscribeAlerts(hub);
            Pusher pusher = lab.pusher(hub);
            pusher.start(5);
            await().atMost(Duration.ofMinutes(1)).until(() -> pusher.acknowledgedCount() >= 30);

            lab.postgres().stopHard();
            // Let the hub's clients notice the database is gone before asking how the API answers.
            FaultLab.pause(Duration.ofSeconds(5));
            Pusher.Probe probe = pusher.probe(hub.uri("/"));
            lab.figure("pushAnswerWhilePostgresDown", probe.status());
            lab.figure("pushAnswerSeconds", probe.took().toMillis() / 1000.0);
            softly.assertThat(probe.status())
                    .as("push answer while PostgreSQL is down")
                    .isEqualTo(503);
            softly.assertThat(probe.retryAfter())
                    .as("Retry-After while PostgreSQL is down")
                    .isNotEmpty();
            softly.assertThat(probe.took())
                    .as("time to answer a push while PostgreSQL is down")
                    .isLessThanOrEqualTo(Duration.ofSeconds(10));
            List<Channels.Expected> inFlight = new java.util.ArrayList<>();
            for (int i = 1; i <= IN_FLIGHT; i++) {
                inFlight.add(lab.sendRaw("in-flight-" + i));
            }
            lab.figure("writtenToKafkaDuringOutage", IN_FLIGHT);
            lab.hold(DOWN.minusSeconds(5), hub);
            lab.postgres().start();
            lab.faultEnded();
            lab.figure("postgresDownSeconds", DOWN.toSeconds());

            long after = pusher.acknowledgedCount() + 30;
            await().atMost(Duration.ofMinutes(3)).until(() -> pusher.acknowledgedCount() >= after);
            FaultChecks.drain(lab, pusher, softly);
            List<Channels.Expected> expected = new java.util.ArrayList<>(FaultChecks.expected(pusher));
            expected.addAll(inFlight);
            FaultChecks.everyNoticeOnceOnEveryChannel(
                    lab, hub, expected, Website.staticSite(List.of(hub.siteDir())), Pusher.PARTNER, softly);
            double waits = hub.counter("hub_stage_waits_total", "");
            lab.figure("stageWaits", waits);
            softly.assertThat(waits)
                    .as("hub_stage_waits_total after the outage")
                    .isGreaterThan(0);
            if (softly.errorsCollected().isEmpty()) {
                lab.passed();
            }
        }
        softly.assertAll();
    }
}
