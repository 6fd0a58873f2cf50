package gr.accmr.hub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final SignInThrottle throttle = new SignInThrottle(3, 5, Duration.ofMinutes(15));

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
}
