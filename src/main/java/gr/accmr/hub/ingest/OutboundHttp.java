package gr.accmr.hub.ingest;

import gr.accmr.hub.platform.GuardedDnsResolver;
import gr.accmr.hub.platform.RequestDeadlines;
import gr.accmr.hub.platform.SpecialAddresses;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Every request the hub makes to a partner goes through here, with the same limits: connect and
 * read timeouts, an overall deadline, a redirect limit, a response size cap, and no connection to
 * an address that IANA's special-purpose registries do not call globally reachable (see {@link
 * SpecialAddresses}) unless the partner is explicitly allowed on a private network, and even then
 * never to loopback, link-local, unspecified or cloud metadata addresses. The check sits in the
 * connection manager's resolver ({@link GuardedDnsResolver}), so it holds for every redirect hop
 * and for a name rebound to an internal address.
 */
@Component
public class OutboundHttp implements DisposableBean, java.io.Closeable {

    private static final Logger log = LoggerFactory.getLogger(OutboundHttp.class);

    /** Limits of one request. */
    public record Limits(
            Duration connectTimeout, Duration readTimeout, int maxRedirects, long maxBytes, Duration deadline) {
        public static final Limits DEFAULT =
                new Limits(Duration.ofSeconds(10), Duration.ofSeconds(30), 5, 10L << 20, Duration.ofMinutes(2));

        public Limits(Duration connectTimeout, Duration readTimeout, int maxRedirects, long maxBytes) {
            this(connectTimeout, readTimeout, maxRedirects, maxBytes, DEFAULT.deadline());
        }
    }

    /** A response whose body was read completely (it is never larger than the limit). */
    public record Response(int status, Header[] headers, byte[] body) {
        public Optional<String> header(String name) {
            for (Header header : headers) {
                if (header.getName().equalsIgnoreCase(name)) {
                    return Optional.ofNullable(header.getValue());
                }
            }
            return Optional.empty();
        }
    }

    /** The response is larger than the limit. */
    public static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }

    /** The request, body and all, took longer than the overall deadline. */
    public static final class DeadlineExceededException extends java.net.SocketTimeoutException {
        DeadlineExceededException(String message) {
            super(message);
        }
    }

    static final String USER_AGENT = "PartnerHub/1.0 (ACCMR, City of Athens)";

    private final CloseableHttpClient publicOnly;
    private final CloseableHttpClient privateAllowed;
    private final Limits limits;

    @Autowired
    OutboundHttp(IngestProperties properties) {
        this(
                new Limits(
                        Limits.DEFAULT.connectTimeout(),
                        Limits.DEFAULT.readTimeout(),
                        Limits.DEFAULT.maxRedirects(),
                        properties.maxResponseBytes(),
                        properties.requestDeadline()),
                properties.allowLoopbackForTests());
        if (properties.allowLoopbackForTests()) {
            log.warn("hub.ingest.allow-loopback-for-tests is on: partners on private networks may reach this"
                    + " machine's loopback addresses. Never set it outside tests");
        }
    }

    /** A client outside the Spring context, for command-line tools; close it when done. */
    public static OutboundHttp standalone() {
        return new OutboundHttp(Limits.DEFAULT, false);
    }

    /**
     * @param allowLoopback whether partners allowed on private networks may also reach loopback;
     *     only tests, whose partner servers run on this machine, set it
     */
    OutboundHttp(Limits limits, boolean allowLoopback) {
        this.limits = limits;
        this.publicOnly = client(limits, resolver(false, false));
        this.privateAllowed = client(limits, resolver(true, allowLoopback));
    }

    public Limits limits() {
        return limits;
    }

    /** GET with the given request headers; any status comes back, only transport failures throw. */
    public Response get(URI uri, Map<String, String> headers, boolean allowPrivateNetwork) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("only http and https URLs can be fetched: " + uri);
        }
        HttpGet request = new HttpGet(uri);
        request.setHeader("User-Agent", USER_AGENT);
        headers.forEach(request::setHeader);
        CloseableHttpClient client = allowPrivateNetwork ? privateAllowed : publicOnly;
        // The read timeout bounds each read only: a byte every 25 s would keep a request alive for
        // hours. At the deadline the request is aborted, which closes its connection at once.
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = RequestDeadlines.abortAfter(limits.deadline(), () -> {
            expired.set(true);
            request.cancel();
        });
        try {
            return client.execute(request, response -> read(response, uri, request));
        } catch (IOException | RuntimeException e) {
            if (expired.get()) {
                throw new DeadlineExceededException(
                        uri + " did not send its whole response within the deadline of " + limits.deadline());
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    private Response read(ClassicHttpResponse response, URI uri, HttpGet request) throws IOException {
        HttpEntity entity = response.getEntity();
        byte[] body = new byte[0];
        if (entity != null) {
            if (entity.getContentLength() > limits.maxBytes()) {
                // Closing the body normally would read the rest of it to reuse the connection.
                request.cancel();
                throw new TooLargeException(uri + " announces " + entity.getContentLength() + " bytes, more than the "
                        + limits.maxBytes() + " allowed");
            }
            try (InputStream in = entity.getContent()) {
                body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
                if (body.length > limits.maxBytes()) {
                    // Dropped, not drained: a server sending without end must not keep us reading.
                    request.cancel();
                    throw new TooLargeException(uri + " sent more than the " + limits.maxBytes() + " bytes allowed");
                }
            }
        }
        return new Response(response.getCode(), response.getHeaders(), body);
    }

    private static CloseableHttpClient client(Limits limits, DnsResolver resolver) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(limits.connectTimeout()))
                                .setSocketTimeout(Timeout.of(limits.readTimeout()))
                                .build())
                        .setMaxConnTotal(50)
                        .setMaxConnPerRoute(4)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(true)
                        .setMaxRedirects(limits.maxRedirects())
                        .setResponseTimeout(Timeout.of(limits.readTimeout()))
                        .build())
                .disableCookieManagement()
                .disableAutomaticRetries()
                .build();
    }

    @Override
    public void destroy() throws IOException {
        close();
    }

    @Override
    public void close() throws IOException {
        publicOnly.close();
        privateAllowed.close();
    }

    /** Whether an address is one a partner on the public internet can never legitimately have. */
    static boolean isInternal(InetAddress address) {
        return SpecialAddresses.registry().judge(address).verdict() != SpecialAddresses.Verdict.PUBLIC;
    }

    /**
     * The resolver of a partner's requests: public addresses only, or private ones too for a partner
     * with {@code allowPrivateNetwork}, which the tests-only switch extends to loopback.
     */
    static GuardedDnsResolver resolver(boolean allowPrivateNetwork, boolean allowLoopbackForTests) {
        return new GuardedDnsResolver(
                allowPrivateNetwork,
                allowPrivateNetwork && allowLoopbackForTests,
                "partner",
                "set allowPrivateNetwork: true on the partner if that is intended");
    }

    /** Seconds or an HTTP date in a {@code Retry-After} header, as a duration from now. */
    public static @Nullable Duration retryAfter(Response response, java.time.Instant now) {
        Optional<String> value = response.header("Retry-After");
        if (value.isEmpty()) {
            return null;
        }
        String text = value.get().strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(text)));
        } catch (NumberFormatException notSeconds) {
            try {
                java.time.Instant at = java.time.ZonedDateTime.parse(
                                text, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (java.time.format.DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
