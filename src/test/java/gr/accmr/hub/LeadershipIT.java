package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import gr.accmr.hub.platform.Leadership;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Leader election on the hub's embedded PostgreSQL: one holder per role, a take-over well inside
 * 30 s when the holder stops heartbeating without releasing (its process "crashed"), and partner
 * routes that poll only where their role is held.
 */
class LeadershipIT extends HubITSupport {

    /** The hub's defaults (hub.cluster.lock-ttl, heartbeat), so the test shows they meet the 30 s promise. */
    private static final Duration TTL = Duration.ofSeconds(15);

    private static final Duration HEARTBEAT = Duration.ofSeconds(3);

    @Autowired
    DataSource dataSource;

    @Autowired
    Leadership hub;

    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<Leadership> participants = new ArrayList<>();

    @AfterEach
    void closeParticipants() {
        participants.forEach(participant -> {
            try {
                participant.close();
            } catch (RuntimeException e) {
                // Its pool is gone: that was the point.
            }
        });
        pools.forEach(HikariDataSource::close);
    }

    @Test
    void onlyOneParticipantHoldsARoleAndAnotherTakesOverWithin30sWhenTheHolderCrashes() {
        String role = "partner.it-failover";
        HikariDataSource firstPool = pool("it-first");
        Leadership first = participant(firstPool, "it-first");
        first.join(role);
        await().atMost(Duration.ofSeconds(10)).until(() -> first.isLeader(role));

        Leadership second = participant(pool("it-second"), "it-second");
        AtomicBoolean granted = new AtomicBoolean();
        second.join(role, new Leadership.Listener() {
            @Override
            public void granted(String r) {
                granted.set(true);
            }

            @Override
            public void revoked(String r) {}
        });
        // Several heartbeats of the second one: it must keep waiting.
        await().during(HEARTBEAT.multipliedBy(3))
                .atMost(HEARTBEAT.multipliedBy(4))
                .until(() -> first.isLeader(role) && !second.isLeader(role) && !granted.get());
        assertThat(second.holder(role)).contains("it-first");

        // A crash: the connections go, nothing is unlocked, the lock row stays behind.
        long crashed = System.nanoTime();
        firstPool.close();

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    assertThat(first.isLeader(role) && second.isLeader(role))
                            .as("two leaders at once")
                            .isFalse();
                    assertThat(second.isLeader(role)).isTrue();
                });
        Duration takeOver = Duration.ofNanos(System.nanoTime() - crashed);
        assertThat(takeOver).isLessThan(Duration.ofSeconds(30)).isGreaterThanOrEqualTo(TTL.minus(HEARTBEAT));
        assertThat(first.isLeader(role)).isFalse();
        assertThat(second.holder(role)).contains("it-second");
    }

    @Test
    void aLivingHolderKeepsItsRoleAndReleasesItOnCloseForAnImmediateHandOver() {
        String role = "partner.it-handover";
        Leadership first = participant(pool("it-keeper"), "it-keeper");
        first.join(role);
        await().atMost(Duration.ofSeconds(10)).until(() -> first.isLeader(role));
        Leadership second = participant(pool("it-heir"), "it-heir");
        second.join(role);

        // Well past the TTL: the holder's heartbeats keep the lock.
        await().during(TTL.plus(HEARTBEAT))
                .atMost(TTL.plus(HEARTBEAT.multipliedBy(2)))
                .until(() -> first.isLeader(role) && !second.isLeader(role));

        first.close();
        await().atMost(HEARTBEAT.multipliedBy(3)).until(() -> second.isLeader(role));
    }

    @Test
    void partnersArePolledWhereTheirRoleIsHeldAndOperatorsSeeByWhom() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode athens = partnerStatus("athens");
            assertThat(athens.path("polledBy").asText()).isEqualTo(hub.instanceId());
        });
        JsonNode leadership = json(http("/actuator/health", true).body()).at("/components/leadership/details");
        assertThat(leadership.path("instance").asText()).isEqualTo(hub.instanceId());
        List<String> leads = new ArrayList<>();
        leadership.path("leads").forEach(node -> leads.add(node.asText()));
        assertThat(leads).contains("partner.athens", "website.expiry-sweep", "normalize.reprocessing");
    }

    @Test
    void aRemovedPartnerFileGivesUpItsRole() throws Exception {
        Path file = ROUTES_DIR.resolve("leaver.yaml");
        Files.writeString(file, """
                - templatedRoute:
                    routeTemplateRef: rss-partner
                    routeId: partner.leaver
                    parameters:
                      - name: partner
                        value: leaver
                      - name: url
                        value: http://127.0.0.1:1/feed.xml
                      - name: interval
                        value: 1h
                """);
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.ledRoles().contains("partner.leaver"));
        assertThat(hub.holder("partner.leaver")).contains(hub.instanceId());

        Files.delete(file);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !hub.joinedRoles().contains("partner.leaver")
                        && !hub.ledRoles().contains("partner.leaver")
                        && hub.holder("partner.leaver").isEmpty());
        assertThat(hub.joinedRoles()).doesNotContainAnyElementsOf(Set.of("partner.leaver"));
    }

    @Test
    void aReprocessRequestOnAnInstanceThatDoesNotRunJobsIsRefusedNamingTheOneThatDoes() {
        String role = "normalize.reprocessing";
        hub.leave(role);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.holder(role).isEmpty());
        try {
            Leadership other = participant(pool("it-runner"), "it-runner");
            other.join(role);
            await().atMost(Duration.ofSeconds(10)).until(() -> other.isLeader(role));

            var refused = postJson(
                    "/api/v1/admin/reprocess",
                    "{\"partner\":\"athens\",\"from\":\"2020-01-01T00:00:00Z\",\"to\":\"2030-01-01T00:00:00Z\"}");

            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(json(refused.body()).path("leader").asText()).isEqualTo("it-runner");
            other.close();
        } finally {
            hub.join(role);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.isLeader(role));
    }

    /** A connection pool of its own to the hub's database, as another hub process would have. */
    private HikariDataSource pool(String name) {
        HikariConfig config = new HikariConfig();
        ((HikariDataSource) dataSource).copyStateTo(config);
        config.setPoolName(name);
        config.setMaximumPoolSize(2);
        config.setMetricsTrackerFactory(null);
        config.setMetricRegistry(null);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    private Leadership participant(DataSource pool, String instanceId) {
        Leadership participant = new Leadership(pool, instanceId, TTL, HEARTBEAT);
        participants.add(participant);
        return participant;
    }
}
