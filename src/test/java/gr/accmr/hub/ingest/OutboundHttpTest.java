package gr.accmr.hub.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import gr.accmr.hub.platform.GuardedDnsResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The limits every partner request runs under, against a real HTTP server. */
class OutboundHttpTest {

    private static final WireMockServer server =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private static final OutboundHttp http = new OutboundHttp(
            new OutboundHttp.Limits(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 64 * 1024, Duration.ofSeconds(10)),
            true);

    @BeforeAll
    static void start() {
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        http.close();
    }

    @Test
    void refusesLoopbackUnlessThePartnerIsAllowedOnPrivateNetworks() throws Exception {
        server.stubFor(get(urlPathEqualTo("/ok")).willReturn(aResponse().withBody("fine")));

        assertThatThrownBy(() -> http.get(uri("/ok"), Map.of(), false))
                .isInstanceOf(GuardedDnsResolver.BlockedAddressException.class)
                .hasMessageContaining("internal address");
        assertThat(server.countRequestsMatching(
                                getRequestedFor(urlPathEqualTo("/ok")).build())
                        .getCount())
                .isZero();
        assertThat(new String(http.get(uri("/ok"), Map.of(), true).body())).isEqualTo("fine");
    }

    @Test
    void refusesAResponseLargerThanTheCapWhetherAnnouncedOrNot() {
        byte[] big = new byte[65 * 1024];
        server.stubFor(get(urlPathEqualTo("/announced")).willReturn(aResponse().withBody(big)));
        server.stubFor(get(urlPathEqualTo("/chunked"))
                .willReturn(aResponse().withBody(big).withHeader("Transfer-Encoding", "chunked")));

        assertThatThrownBy(() -> http.get(uri("/announced"), Map.of(), true))
                .isInstanceOf(OutboundHttp.TooLargeException.class);
        assertThatThrownBy(() -> http.get(uri("/chunked"), Map.of(), true))
                .isInstanceOf(OutboundHttp.TooLargeException.class);
    }

    @Test
    void followsRedirectsOnlyUpToTheLimit() throws Exception {
        server.stubFor(get(urlPathEqualTo("/r1"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "/r2")));
        server.stubFor(get(urlPathEqualTo("/r2"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "/r3")));
        server.stubFor(get(urlPathEqualTo("/r3"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "/r4")));
        server.stubFor(get(urlPathEqualTo("/r4")).willReturn(aResponse().withBody("end")));

        assertThat(new String(http.get(uri("/r2"), Map.of(), true).body())).isEqualTo("end");
        assertThatThrownBy(() -> http.get(uri("/r1"), Map.of(), true)).hasMessageContaining("redirect");
    }

    @Test
    void givesUpOnAPartnerThatDoesNotAnswerInTime() {
        server.stubFor(get(urlPathEqualTo("/slow"))
                .willReturn(aResponse().withFixedDelay(3000).withBody("late")));

        assertThatThrownBy(() -> http.get(uri("/slow"), Map.of(), true))
                .isInstanceOf(java.net.SocketTimeoutException.class);
    }

    @Test
    void cutsATricklingServerOffAtTheDeadline() throws Exception {
        // A chunk every 2 s: each read is well within the 5 s read timeout, the whole is not.
        server.stubFor(get(urlPathEqualTo("/trickle"))
                .willReturn(aResponse().withBody(new byte[20]).withChunkedDribbleDelay(20, 40_000)));
        try (OutboundHttp deadlined = new OutboundHttp(
                new OutboundHttp.Limits(
                        Duration.ofSeconds(2), Duration.ofSeconds(5), 0, 64 * 1024, Duration.ofSeconds(3)),
                true)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> deadlined.get(uri("/trickle"), Map.of(), true))
                    .isInstanceOf(OutboundHttp.DeadlineExceededException.class)
                    .hasMessageContaining("deadline");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isBetween(Duration.ofSeconds(3), Duration.ofSeconds(8));
        }
    }

    @Test
    void dropsTheConnectionAtTheCapInsteadOfReadingTheRest() throws Exception {
        try (ServerSocket endless = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                OutboundHttp patient = new OutboundHttp(
                        new OutboundHttp.Limits(
                                Duration.ofSeconds(2), Duration.ofSeconds(5), 0, 64 * 1024, Duration.ofSeconds(60)),
                        true)) {
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> serveWithoutEnd(endless));
            long started = System.nanoTime();

            assertThatThrownBy(() -> patient.get(
                            URI.create("http://127.0.0.1:" + endless.getLocalPort() + "/feed"), Map.of(), true))
                    .isInstanceOf(OutboundHttp.TooLargeException.class);

            // Reading the rest to reuse the connection would have taken until the deadline.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            // The server notices the hang-up: it could not go on writing.
            assertThat(sent.get(10, TimeUnit.SECONDS)).isLessThan(64L << 20);
        }
    }

    /** Answers one request with a chunked body that never ends; returns the bytes written before the client left. */
    private static long serveWithoutEnd(ServerSocket server) {
        long written = 0;
        try (Socket socket = server.accept()) {
            socket.getInputStream().read(new byte[4096]);
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("2000\r\n" + "x".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            while (written < (1L << 30)) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException hungUp) {
            // What a dropped connection looks like from here.
        }
        return written;
    }

    @Test
    void fetchesOnlyHttpAndHttps() {
        assertThatThrownBy(() -> http.get(URI.create("file:///etc/passwd"), Map.of(), true))
                .hasMessageContaining("only http and https");
        assertThatThrownBy(() -> http.get(URI.create("ftp://example.org/feed"), Map.of(), true))
                .hasMessageContaining("only http and https");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "10.1.2.3",
                "172.16.0.1",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "0.0.0.0",
                "::1",
                "fc00::1",
                "fe80::1"
            })
    void countsInternalAddressesAsInternal(String address) throws Exception {
        assertThat(OutboundHttp.isInternal(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "151.101.1.69", "2a00:1450:4001:80b::200e"})
    void countsPublicAddressesAsPublic(String address) throws Exception {
        assertThat(OutboundHttp.isInternal(InetAddress.getByName(address))).isFalse();
    }

    @Test
    void readsRetryAfterInSecondsAndAsADate() {
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        var seconds = new OutboundHttp.Response(
                429,
                new org.apache.hc.core5.http.Header[] {
                    new org.apache.hc.core5.http.message.BasicHeader("Retry-After", "120")
                },
                new byte[0]);
        var date = new OutboundHttp.Response(
                503,
                new org.apache.hc.core5.http.Header[] {
                    new org.apache.hc.core5.http.message.BasicHeader("Retry-After", "Fri, 27 Nov 2026 10:30:00 GMT")
                },
                new byte[0]);

        assertThat(OutboundHttp.retryAfter(seconds, now)).isEqualTo(Duration.ofMinutes(2));
        assertThat(OutboundHttp.retryAfter(date, now)).isEqualTo(Duration.ofMinutes(30));
    }

    private static URI uri(String path) {
        return URI.create(server.baseUrl() + path);
    }
}
