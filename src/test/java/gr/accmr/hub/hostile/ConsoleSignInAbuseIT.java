package gr.accmr.hub.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gr.accmr.hub.ConsoleSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Guessing passwords through the console's sign-in form meets the same limits as HTTP Basic. */
class ConsoleSignInAbuseIT extends HostileITSupport {

    @AfterEach
    void letTheLimitsRefill() {
        // Other tests of this suite sign in as admin from the same address.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http("/api/v1/admin/audit", true).statusCode() == 200);
    }

    @Test
    void refusesAUserAfterItsFailuresWithAPageThatSaysHowLongToWait() {
        ConsoleSession browser = new ConsoleSession(port);
        HttpResponse<String> answer = browser.signIn("console-guesser", "guess-0");
        // The address may have less allowance left than the user, after other tests: at most the user's.
        for (int i = 1; answer.statusCode() == 302 && i <= FAILURES_PER_USER; i++) {
            assertThat(answer.headers().firstValue("Location"))
                    .hasValueSatisfying(to -> assertThat(to).endsWith("/login?error"));
            answer = browser.signIn("console-guesser", "guess-" + i);
        }

        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, SIGN_IN_WINDOW.toSeconds()));
        assertThat(answer.body()).contains("Too many failed sign-ins", "Try again in");
        assertThat(answer.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy).contains("script-src 'self'"));
    }
}
