package gr.accmr.hub.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import gr.accmr.hub.HubITSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub as an attacker meets it: the suite's shared hub, with sign-in limits small enough to
 * reach and refill within a test. These tests run in a JVM of their own with a 512 MB heap (see
 * the failsafe {@code hostile} execution), so a body read into memory would fail them outright.
 */
abstract class HostileITSupport extends HubITSupport {

    /** Small limits, so a test trips them; a failure's allowance comes back after 20 s (user) or 10 s (address). */
    static final int FAILURES_PER_USER = 3;

    static final int FAILURES_PER_ADDRESS = 6;

    static final Duration SIGN_IN_WINDOW = Duration.ofSeconds(60);

    static final String NOTICE = """
            {"externalId": "%s", "kind": "notice", "publishedAt": "2026-11-26T10:00:00Z",
             "translations": {"en": {"title": "Office hours", "bodyText": "Open on Monday."}}}
            """;

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void hostileProperties(DynamicPropertyRegistry registry) {
        registry.add("hub.security.sign-in-failures-per-user", () -> FAILURES_PER_USER);
        registry.add("hub.security.sign-in-failures-per-address", () -> FAILURES_PER_ADDRESS);
        registry.add("hub.security.sign-in-window", () -> SIGN_IN_WINDOW.toString());
    }

    /** A signed push of irc-api, the partner whose notices must keep arriving during an attack. */
    HttpResponse<String> push(String partner, String body, String webhookId, String secret) {
        return send(
                signed(HttpRequest.newBuilder(uri("/api/v1/partners/" + partner + "/notices")), body, webhookId, secret)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    static HttpRequest.Builder signed(HttpRequest.Builder request, String body, String id, String secret) {
        long now = Instant.now().getEpochSecond();
        try {
            return request.header("webhook-id", id)
                    .header("webhook-timestamp", String.valueOf(now))
                    .header("webhook-signature", new Webhook(secret).sign(id, now, body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kafka and PostgreSQL answer health UP (other components may be down because of test partners). */
    void assertHealthy() {
        var health = json(http("/actuator/health", true).body());
        assertThat(health.at("/components/kafka/status").asText())
                .as(health.toString())
                .isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText())
                .as(health.toString())
                .isEqualTo("UP");
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response.body()).get("status").asInt()).isEqualTo(status);
    }

    /** What came back on a raw connection, and how many body bytes the attacker got to send. */
    record RawAnswer(int status, Map<String, String> headers, String body, long bytesSent, Duration took) {}

    /**
     * POSTs over a plain socket, so the body can be far larger than memory: {@code bodyBytes} of
     * {@code 'a'} made 64 KiB at a time as they are written, chunked unless a {@code Content-Length}
     * header is given. Writing stops when the server stops reading; the answer is read meanwhile.
     */
    RawAnswer rawPost(String path, Map<String, String> headers, long bodyBytes) {
        long started = System.nanoTime();
        AtomicLong sent = new AtomicLong();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            boolean chunked = headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Content-Length"));
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n");
            headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
            if (chunked) {
                head.append("Transfer-Encoding: chunked\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'a');
                try {
                    while (sent.get() < bodyBytes) {
                        int size = (int) Math.min(chunk.length, bodyBytes - sent.get());
                        if (chunked) {
                            out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(chunk, 0, size);
                        if (chunked) {
                            out.write('\r');
                            out.write('\n');
                        }
                        sent.addAndGet(size);
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException serverStoppedReading) {
                    // Expected: the hub answered and closed the connection.
                }
            });
            writer.setDaemon(true);
            writer.start();
            RawAnswer answer = readAnswer(socket.getInputStream(), sent, started);
            socket.close();
            writer.join(10_000);
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static RawAnswer readAnswer(InputStream in, AtomicLong sent, long started) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(
                    header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).strip());
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16);
                    size > 0;
                    size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
                all.write(in.readNBytes(size));
                line(in);
            }
            body = all.toByteArray();
        } else {
            body = new byte[0];
        }
        return new RawAnswer(
                status,
                headers,
                new String(body, StandardCharsets.UTF_8),
                sent.get(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed before the answer was complete");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
