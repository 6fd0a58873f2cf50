package gr.accmr.hub.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import gr.accmr.hub.HubITSupport;
import gr.accmr.hub.platform.RateLimitBuckets;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The push API's state in PostgreSQL: rate limits shared by instances, and delivered ids pruned. */
class PushHousekeepingIT extends HubITSupport {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PushDeliveries deliveries;

    @Test
    void sharesAPartnersRateLimitBetweenInstances() {
        // Two instances' limiters on the one database, as two hub processes would have.
        PushRateLimits first = new PushRateLimits(new RateLimitBuckets(dataSource));
        PushRateLimits second = new PushRateLimits(new RateLimitBuckets(dataSource));
        String partner = "shared-" + UUID.randomUUID();

        assertThat(first.tryAcquire(partner, 3)).isEmpty();
        assertThat(second.tryAcquire(partner, 3)).isEmpty();
        assertThat(first.tryAcquire(partner, 3)).isEmpty();

        assertThat(second.tryAcquire(partner, 3)).isPresent();
        assertThat(first.tryAcquire(partner, 3).getAsLong()).isBetween(1L, 60L);
        // Another partner has its own budget.
        assertThat(second.tryAcquire(partner + "-other", 3)).isEmpty();
    }

    @Test
    void prunesDeliveredIdsOlderThanTheRetentionAndKeepsRecentOnes() {
        String old = "msg_old_" + UUID.randomUUID();
        String recent = "msg_recent_" + UUID.randomUUID();
        String abandoned = "msg_abandoned_" + UUID.randomUUID();
        jdbc.update("""
                INSERT INTO push_delivery (partner, webhook_id, notice_id, state, delivered_at)
                VALUES ('irc-api', ?, 'irc-api:a', 'delivered', now() - interval '8 days'),
                       ('irc-api', ?, 'irc-api:b', 'delivered', now() - interval '1 hour')
                """, old, recent);
        jdbc.update("""
                INSERT INTO push_delivery (partner, webhook_id, notice_id, state, claim_id, claimed_by, lease_until)
                VALUES ('irc-api', ?, 'irc-api:c', 'pending', ?, 'gone-instance', now() - interval '8 days')
                """, abandoned, UUID.randomUUID());

        assertThat(deliveries.prune(Duration.ofDays(7))).isGreaterThanOrEqualTo(2);

        assertThat(exists(old)).isFalse();
        assertThat(exists(abandoned)).isFalse();
        assertThat(exists(recent)).isTrue();
        // Idempotent: a second run, or another instance's, finds nothing more of these.
        deliveries.prune(Duration.ofDays(7));
        assertThat(exists(recent)).isTrue();
    }

    private boolean exists(String webhookId) {
        return jdbc.queryForObject("SELECT count(*) FROM push_delivery WHERE webhook_id = ?", Integer.class, webhookId)
                > 0;
    }
}
