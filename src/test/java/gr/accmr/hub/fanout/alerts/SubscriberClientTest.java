package gr.accmr.hub.fanout.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import gr.accmr.hub.platform.GuardedDnsResolver;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alert deliveries against a real HTTP server on loopback, opened by the tests-only switch. */
class SubscriberClientTest {

    private static final WireMockServer subscriber =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    private static final SubscriberClient client =
            new SubscriberClient(new SubscriberAddresses(true), Duration.ofSeconds(3), 2);

    @BeforeAll
    static void start() {
        subscriber.start();
    }

    @AfterAll
    static void stop() throws Exception {
        subscriber.stop();
        client.close();
    }

    @BeforeEach
    void reset() {
        subscriber.resetAll();
    }

    @Test
    void judgesTheAddressAgainAtDeliveryAndRefusesLoopbackOutsideTests() throws Exception {
        subscriber.stubFor(
                post(urlPathEqualTo("/alerts")).willReturn(aResponse().withStatus(204)));
        try (SubscriberClient production =
                new SubscriberClient(new SubscriberAddresses(false), Duration.ofSeconds(3), 2)) {
            // A name that resolved to a public address at registration and to loopback now.
            assertThatThrownBy(() -> production.send(new HttpPost(uri("/alerts"))))
                    .isInstanceOf(GuardedDnsResolver.BlockedAddressException.class)
                    .hasMessageContaining("which no alert subscriber may use");
        }
        assertThat(subscriber.findAll(anyRequestedFor(anyUrl()))).isEmpty();

        assertThat(client.send(new HttpPost(uri("/alerts"))).status()).isEqualTo(204);
    }

    @Test
    void neverFollowsARedirectWhereverItPoints() throws Exception {
        subscriber.stubFor(post(urlPathEqualTo("/moved"))
                .willReturn(aResponse().withStatus(307).withHeader("Location", "http://169.254.169.254/latest/")));
        subscriber.stubFor(post(urlPathEqualTo("/here"))
                .willReturn(aResponse()
                        .withStatus(308)
                        .withHeader("Location", uri("/target").toString())));

        assertThat(client.send(new HttpPost(uri("/moved"))).status()).isEqualTo(307);
        assertThat(client.send(new HttpPost(uri("/here"))).status()).isEqualTo(308);
        assertThat(subscriber.findAll(getRequestedFor(urlPathEqualTo("/target"))))
                .isEmpty();
        assertThat(subscriber.findAll(anyRequestedFor(urlPathEqualTo("/target"))))
                .isEmpty();
    }

    @Test
    void cutsATricklingSubscriberOffAtTheTimeout() {
        // A chunk every 2 s: each read is within the 3 s timeout, the whole answer is not.
        subscriber.stubFor(post(urlPathEqualTo("/trickle"))
                .willReturn(aResponse().withBody(new byte[20]).withChunkedDribbleDelay(20, 40_000)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.send(new HttpPost(uri("/trickle"))))
                .isInstanceOf(SocketTimeoutException.class)
                .hasMessageContaining("within");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isBetween(Duration.ofSeconds(3), Duration.ofSeconds(8));
    }

    @Test
    void readsOnlyTheStartOfAnEndlessAnswer() throws Exception {
        subscriber.stubFor(post(urlPathEqualTo("/long"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Transfer-Encoding", "chunked")
                        .withBody(new byte[32 << 20])));

        SubscriberClient.Answer answer = client.send(new HttpPost(uri("/long")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).hasSize(SubscriberClient.ANSWER_BYTES);
    }

    private static URI uri(String path) {
        return URI.create(subscriber.baseUrl() + path);
    }
}
