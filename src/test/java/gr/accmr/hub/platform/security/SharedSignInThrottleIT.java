package gr.accmr.hub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import gr.accmr.hub.HubITSupport;
import gr.accmr.hub.platform.RateLimitBuckets;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Failed sign-ins counted in PostgreSQL: two throttles, each with buckets of its own on the one
 * database, as two hub instances behind a load balancer would have.
 */
class SharedSignInThrottleIT extends HubITSupport {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void twoInstancesTogetherRefuseAUserAfterTheConfiguredFailures() {
        SignInThrottle first = throttle();
        SignInThrottle second = throttle();
        String user = "guesser-" + UUID.randomUUID();

        // Three failures, the limit, spread over both instances: neither has seen three itself.
        first.failed(user, "192.0.2.1");
        second.failed(user, "192.0.2.2");
        assertThat(first.refusedFor(user, "192.0.2.3")).isEmpty();
        first.failed(user, "192.0.2.3");

        // The instance that took the last token refuses at once; the other finds the bucket empty
        // with its next failure, and refuses from then on, still without asking the database.
        assertThat(first.refusedFor(user, "192.0.2.4").orElse(0)).isBetween(1L, 20L);
        assertThat(second.refusedFor(user, "192.0.2.4")).isEmpty();
        second.failed(user, "192.0.2.4");
        assertThat(second.refusedFor(user, "192.0.2.5").orElse(0)).isBetween(1L, 20L);
        // Counted per instance, the second would have allowed one more failure than this.
        assertThat(second.refusedFor("someone-else", "192.0.2.5")).isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM rate_limit_bucket WHERE id LIKE ?",
                        Integer.class,
                        SignInThrottle.userKey(user) + ":%"))
                .isEqualTo(1);
    }

    @Test
    void twoInstancesTogetherRefuseAnAddressThatTriesManyUsers() {
        SignInThrottle first = throttle();
        SignInThrottle second = throttle();
        String address = "2001:db8::" + Integer.toHexString(UUID.randomUUID().hashCode() & 0xffff);

        for (int i = 0; i < 5; i++) {
            (i % 2 == 0 ? first : second).failed("user-" + UUID.randomUUID(), address);
        }

        assertThat(first.refusedFor("anyone", address)).isPresent();
        assertThat(second.refusedFor("anyone", address)).isEmpty();
        second.failed("user-" + UUID.randomUUID(), address);
        assertThat(second.refusedFor("anyone", address)).isPresent();
    }

    /** Three failures per user and five per address a minute, on buckets of its own. */
    private SignInThrottle throttle() {
        RateLimitBuckets buckets = new RateLimitBuckets(dataSource);
        return new SignInThrottle(3, 5, Duration.ofMinutes(1), buckets::bucket);
    }
}
