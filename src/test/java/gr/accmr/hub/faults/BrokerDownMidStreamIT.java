package gr.accmr.hub.faults;

import static org.awaitility.Awaitility.await;

import gr.accmr.hub.harness.HubInstance;
import gr.accmr.hub.harness.Pusher;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker dies (SIGKILL) mid-stream and stays down for a minute ({@code
 * faults.broker-down}). The push API must refuse with 503 and Retry-After within 10 s rather than
 * hang or claim the notice, health must say the hub is down meanwhile, nothing may be
 * dead-lettered, and once the broker is back every acknowledged notice arrives once. (With the
 * broker gone no record can reach a stage, so the stages have nothing to wait on;
 * PostgresDownMidStreamIT and WebsiteSinkDownIT show the waits.)
 */
class BrokerDownMidStreamIT {

    private static final Duration DOWN = FaultLab.duration("faults.broker-down", Duration.ofSeconds(60));

    @Test
    void deliversEveryAcknowledgedPushOnceAfterTheBrokerWasKilledAndDownForAMinute() {
        SoftAssertions softly = new SoftAssertions();
        try (FaultLab lab = new FaultLab("BrokerDownMidStreamIT").start()) {
            HubInstance hub = lab.hub("hub", lab.noRoutes());
            hub.startAndAwait();
            lab.subscribeAlerts(hub);
            Pusher pusher = lab.pusher(hub);
            pusher.start(5);
            await().atMost(Duration.ofMinutes(1)).until(() -> pusher.acknowledgedCount() >= 30);

            lab.broker().kill();
            // Let the hub's clients notice the broker is gone before asking how the API answers.
            FaultLab.pause(Duration.ofSeconds(5));
            Pusher.Probe probe = pusher.probe(hub.uri("/"));
            lab.figure("pushAnswerWhileBrokerDown", probe.status());
            lab.figure("pushAnswerSeconds", probe.took().toMillis() / 1000.0);
            softly.assertThat(probe.status())
                    .as("push answer while the broker is down")
                    .isEqualTo(503);
            softly.assertThat(probe.retryAfter())
                    .as("Retry-After while the broker is down")
                    .isNotEmpty();
            softly.assertThat(probe.took())
                    .as("time to answer a push while the broker is down")
                    .isLessThanOrEqualTo(Duration.ofSeconds(10));
            java.util.Set<String> health = lab.hold(DOWN.minusSeconds(5), hub);
            softly.assertThat(health)
                    .as("health of the hub while the broker is down")
                    .isNotEmpty()
                    .doesNotContain("UP");
            lab.broker().start();
            lab.faultEnded();
            lab.figure("brokerDownSeconds", DOWN.toSeconds());

            long after = pusher.acknowledgedCount() + 30;
            await().atMost(Duration.ofMinutes(3)).until(() -> pusher.acknowledgedCount() >= after);
            FaultChecks.drain(lab, pusher, softly);
            FaultChecks.everyNoticeOnceOnEveryChannel(
                    lab,
                    hub,
                    FaultChecks.expected(pusher),
                    Website.staticSite(List.of(hub.siteDir())),
                    Pusher.PARTNER,
                    softly);
            lab.figure("stageWaits", hub.counter("hub_stage_waits_total", ""));
            if (softly.errorsCollected().isEmpty()) {
                lab.passed();
            }
        }
        softly.assertAll();
    }
}
