package gr.accmr.hub.faults;

import static org.awaitility.Awaitility.await;

import gr.accmr.hub.fanout.website.WordPressTestSite;
import gr.accmr.hub.harness.HubInstance;
import gr.accmr.hub.harness.Pusher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The hub process dies with SIGKILL while a partner pushes, again and again; the partner retries
 * every delivery that got no answer with the same webhook-id. Whatever the hub acknowledged must
 * reach every channel once: a 202 means on Kafka, and a 200 "duplicate" only for an id that is.
 * Once with the static site, once with a real WordPress, where a kill between creating a post and
 * recording its id must not make a second post.
 */
class HubKilledMidStreamIT {

    private static final int KILLS = FaultLab.number("faults.kills", 3);
    private static final int WORDPRESS_KILLS = FaultLab.number("faults.wordpress-kills", 3);
    private static final int PUSHES_PER_SECOND = 5;

    @Test
    void deliversEveryAcknowledgedPushOnceWhenTheHubIsKilledAgainAndAgainMidStream() {
        killAgainAndAgain("HubKilledMidStreamIT", KILLS, hub -> Website.staticSite(List.of(hub.siteDir())));
    }

    @Test
    void postsEveryAcknowledgedPushToWordPressOnceWhenTheHubIsKilledAgainAndAgainMidStream() {
        WordPressTestSite site = WordPressTestSite.require();
        killAgainAndAgain(
                "HubKilledMidStreamIT-wordpress",
                WORDPRESS_KILLS,
                hub -> Website.wordPress(site),
                "--hub.website.adapter=wordpress",
                "--hub.website.wordpress.url=" + site.url(),
                "--hub.website.wordpress.username=" + site.username(),
                "--hub.website.wordpress.application-password=" + site.applicationPassword());
    }

    private static void killAgainAndAgain(
            String test, int kills, Function<HubInstance, Website> website, String... hubSettings) {
        SoftAssertions softly = new SoftAssertions();
        try (FaultLab lab = new FaultLab(test).start()) {
            HubInstance hub = lab.hub("hub", lab.noRoutes(), hubSettings);
            hub.startAndAwait();
            lab.subscribeAlerts(hub);
            Pusher pusher = lab.pusher(hub);
            pusher.start(PUSHES_PER_SECOND);

            List<Long> restartSeconds = new ArrayList<>();
            for (int kill = 1; kill <= kills; kill++) {
                // Kill at a random moment once the stream flows again, so requests are in flight.
                long target =
                        pusher.acknowledgedCount() + ThreadLocalRandom.current().nextInt(10, 30);
                await("pushes acknowledged again after restart")
                        .atMost(Duration.ofMinutes(2))
                        .until(() -> pusher.acknowledgedCount() >= target);
                hub.kill();
                Instant killed = Instant.now();
                hub.startAndAwait();
                restartSeconds.add(Duration.between(killed, Instant.now()).toSeconds());
            }
            lab.faultEnded();
            long last = pusher.acknowledgedCount() + 20;
            await().atMost(Duration.ofMinutes(2)).until(() -> pusher.acknowledgedCount() >= last);
            FaultChecks.drain(lab, pusher, softly);
            lab.figure("kills", kills);
            lab.figure("restartSeconds", restartSeconds);

            FaultChecks.everyNoticeOnceOnEveryChannel(
                    lab, hub, FaultChecks.expected(pusher), website.apply(hub), Pusher.PARTNER, softly);
            if (softly.errorsCollected().isEmpty()) {
                lab.passed();
            }
        }
        softly.assertAll();
    }
}
