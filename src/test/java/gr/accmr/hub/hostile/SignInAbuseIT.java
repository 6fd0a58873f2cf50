package gr.accmr.hub.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Guessing passwords over HTTP Basic: after a few failures the user, and then the address, is
 * refused with 429 before any password is hashed; a forged {@code X-Forwarded-For} changes nothing.
 */
// In this order: the address's allowance is used up last, after the tests that need some of it.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInAbuseIT extends HostileITSupport {

    @AfterEach
    void letTheLimitsRefill() {
        // The next test signs in as admin from the same address.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> signIn("admin", ADMIN_PASSWORD, null).statusCode() == 200);
    }

    @Test
    @Order(1)
    void refusesAUserAfterItsFailuresEvenWithTheRightPassword() {
        for (int i = 0; i < FAILURES_PER_USER; i++) {
            assertThat(signIn("operator", "guess-" + i, null).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> refused = signIn("operator", OPERATOR_PASSWORD, null);

        assertProblem(refused, 429);
        assertThat(refused.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, SIGN_IN_WINDOW.toSeconds()));
        // Hashing is skipped, so a refusal is cheap: a burst of them is answered at once.
        long started = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            assertThat(signIn("operator", "guess", null).statusCode()).isEqualTo(429);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        // Other users are not locked out by one user's failures.
        assertThat(signIn("admin", ADMIN_PASSWORD, null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void refusesAnAddressThatTriesManyUsersWhateverItsForwardedForHeaderSays() {
        // Earlier tests may have used some of this address's allowance already: at most all of it.
        int failures = 0;
        HttpResponse<String> answer = signIn("user-0", "guess", "203.0.113.0");
        while (answer.statusCode() == 401 && failures <= FAILURES_PER_ADDRESS) {
            failures++;
            answer = signIn("user-" + failures, "guess", "203.0.113." + failures);
        }
        assertProblem(answer, 429);
        assertThat(failures).isBetween(1, FAILURES_PER_ADDRESS);

        // A fresh user and a fresh forged address: still this connection's address, still refused.
        assertProblem(signIn("user-new", "guess", "198.51.100.7"), 429);
        assertProblem(signIn("admin", ADMIN_PASSWORD, "198.51.100.8"), 429);
    }

    @Test
    @Order(2)
    void doesNotCountRequestsWithoutCredentials() {
        for (int i = 0; i < FAILURES_PER_ADDRESS + 2; i++) {
            assertThat(http("/api/v1/partners", false).statusCode()).isEqualTo(401);
        }
        assertThat(signIn("admin", ADMIN_PASSWORD, null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> signIn(String user, String password, @Nullable String forwardedFor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/partners"))
                .timeout(Duration.ofSeconds(10))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return send(request.GET().build());
    }
}
