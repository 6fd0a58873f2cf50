package gr.accmr.hub.faults;

import gr.accmr.hub.harness.HubInstance;
import gr.accmr.hub.harness.Pusher;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.assertj.core.api.SoftAssertions;

/** The checks every ledger-shaped fault test ends with. */
final class FaultChecks {

    /** Time the channels get to catch up once the fault is over and the pusher has drained. */
    static final Duration CATCH_UP = FaultLab.duration("faults.catch-up", Duration.ofMinutes(3));

    private FaultChecks() {}

    static List<Channels.Expected> expected(Pusher pusher) {
        return pusher.ledger().stream()
                .map(delivery -> Channels.Expected.of(Pusher.PARTNER, delivery.externalId, delivery.urgent))
                .toList();
    }

    /** Stops new pushes, lets every unanswered one be retried until acknowledged, records the pusher's figures. */
    static void drain(FaultLab lab, Pusher pusher, SoftAssertions softly) {
        pusher.stopNew();
        try {
            pusher.awaitAllAcknowledged(CATCH_UP);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            softly.fail("%d pushes were never acknowledged", pusher.unacknowledged());
        }
        lab.figure("sent", pusher.sent());
        lab.figure("pushRetries", pusher.retries());
        lab.figure("answeredDuplicate", pusher.answeredDuplicate());
        lab.figure("answers", pusher.answers());
    }

    /** Every acknowledged notice on every channel at version 1, none twice, no dead letters of the partner. */
    static Channels.Report everyNoticeOnceOnEveryChannel(
            FaultLab lab,
            HubInstance reader,
            Collection<Channels.Expected> expected,
            Website website,
            String partner,
            SoftAssertions softly) {
        Channels.Report report = lab.awaitDelivered(reader, partner, expected, website, CATCH_UP);
        softly.assertThat(expected).as("acknowledged notices").isNotEmpty();
        report.missing()
                .forEach((channel, ids) -> softly.assertThat(ids)
                        .as("acknowledged notices missing on %s (%s)", channel, report)
                        .isEmpty());
        report.duplicates()
                .forEach((channel, ids) -> softly.assertThat(ids)
                        .as("notices more than once or at another version than 1 on %s", channel)
                        .isEmpty());
        softly.assertThat(lab.deadLetters(partner + ":"))
                .as("dead letters of %s", partner)
                .isEmpty();
        return report;
    }
}
