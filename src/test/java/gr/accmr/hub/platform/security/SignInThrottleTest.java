package gr.accmr.hub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    /** The database's buckets, played by local ones: what two instances sharing it would see. */
    private final Map<String, Bucket> database = new ConcurrentHashMap<>();

    private final AtomicInteger databaseCalls = new AtomicInteger();

    private final SignInThrottle.SharedBuckets shared = (key, configuration) -> {
        databaseCalls.incrementAndGet();
        return database.computeIfAbsent(
                key,
                k -> Bucket.builder()
                        .addLimit(configuration.get().getBandwidths()[0])
                        .build());
    };

    private final SignInThrottle throttle = new SignInThrottle(3, 5, Duration.ofMinutes(15), shared);

    @Test
    void refusesAUserOnceItsFailuresAreUsedUpFromAnyAddress() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.refusedFor("operator", "10.0.0." + i)).isEmpty();
            throttle.failed("operator", "10.0.0." + i);
        }

        assertThat(throttle.refusedFor("operator", "10.0.0.99")).isPresent();
        assertThat(throttle.refusedFor("admin", "10.0.0.99")).isEmpty();
    }

    @Test
    void refusesAnAddressOnceItsFailuresAreUsedUpForAnyUser() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user-" + i, "192.0.2.1");
        }

        assertThat(throttle.refusedFor("someone-else", "192.0.2.1")).isPresent();
        assertThat(throttle.refusedFor("someone-else", "192.0.2.2")).isEmpty();
    }

    @Test
    void saysHowLongToWaitInWholeSecondsWithinTheWindow() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("operator", "10.0.0.1");
        }

        // One failure's allowance comes back after a third of the window: five minutes.
        assertThat(throttle.refusedFor("operator", "10.0.0.1").getAsLong()).isBetween(299L, 300L);
    }

    @Test
    void twoInstancesTogetherLetThroughAtMostTheLimitPlusOneFailure() {
        SignInThrottle other = new SignInThrottle(3, 5, Duration.ofMinutes(15), shared);
        SignInThrottle[] instances = {throttle, other};

        // A load balancer sends the attempts to each instance in turn; each hashed one fails.
        int hashed = 0;
        for (int attempt = 0; attempt < 20; attempt++) {
            SignInThrottle instance = instances[attempt % 2];
            String address = "198.51.100." + attempt;
            if (instance.refusedFor("operator", address).isEmpty()) {
                hashed++;
                instance.failed("operator", address);
            }
        }

        // Counted per instance it would be 3 each, 6 in all; shared: 3, and one more on the instance
        // that did not see the last token go.
        assertThat(hashed).isEqualTo(3 + 2 - 1);
        assertThat(throttle.refusedFor("operator", "203.0.113.1")).isPresent();
        assertThat(other.refusedFor("operator", "203.0.113.1")).isPresent();
        assertThat(other.refusedFor("operator", "203.0.113.1").getAsLong()).isBetween(1L, 300L);
    }

    @Test
    void checksWithoutAskingTheDatabaseAndAsksOnlyForFailures() {
        for (int i = 0; i < 100; i++) {
            assertThat(throttle.refusedFor("script", "10.0.0.7")).isEmpty();
        }
        assertThat(databaseCalls).hasValue(0);

        throttle.failed("script", "10.0.0.7");

        // One bucket for the user, one for the address.
        assertThat(databaseCalls).hasValue(2);
        assertThat(database.keySet())
                .allSatisfy(key -> assertThat(key).startsWith("signin:"))
                .anySatisfy(key -> assertThat(key).startsWith("signin:address:10.0.0.7:"));
    }

    @Test
    void countsOnItsOwnWhileTheDatabaseIsAwayAndTriesAgainLater() {
        AtomicLong now = new AtomicLong();
        AtomicInteger attempts = new AtomicInteger();
        SignInThrottle alone = new SignInThrottle(
                3,
                5,
                Duration.ofMinutes(15),
                (key, configuration) -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("connection refused");
                },
                now::get);

        for (int i = 0; i < 3; i++) {
            assertThat(alone.refusedFor("operator", "10.0.0.1")).isEmpty();
            alone.failed("operator", "10.0.0.1");
        }

        assertThat(alone.refusedFor("operator", "10.0.0.1")).isPresent();
        // Tried once; after that each failure would wait for a connection, so it is left alone a while.
        assertThat(attempts).hasValue(1);
        now.addAndGet(SignInThrottle.SHARED_RETRY.toNanos());
        alone.failed("operator", "10.0.0.2");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void keepsKeysShortWhateverNameOrAddressAnAttackerSends() {
        String user = SignInThrottle.userKey("x".repeat(8000));
        assertThat(user).hasSize("signin:user:".length() + 64).isNotEqualTo(SignInThrottle.userKey("x"));
        assertThat(SignInThrottle.addressKey("2001:db8::1")).isEqualTo("signin:address:2001:db8::1");
        assertThat(SignInThrottle.addressKey("1.2.3.4, ".repeat(1000))).hasSize("signin:address:".length() + 64);
    }
}
