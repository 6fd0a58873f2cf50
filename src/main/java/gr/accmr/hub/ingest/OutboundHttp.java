package gr.accmr.hub.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
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
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Every request the hub makes to a partner goes through here, with the same limits: connect and
 * read timeouts, a redirect limit, a response size cap, and no connection to loopback, private,
 * link-local or other internal addresses unless the partner is explicitly allowed to be on a
 * private network. The address check happens at name resolution, for every redirect hop, so a
 * public name that resolves to an internal address is refused too.
 */
@Component
public class OutboundHttp implements DisposableBean, java.io.Closeable {

    /** Limits of one request. */
    public record Limits(Duration connectTimeout, Duration readTimeout, int maxRedirects, long maxBytes) {
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(10), Duration.ofSeconds(30), 5, 10L << 20);
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

    /** The request would have reached an address the partner is not allowed to use. */
    public static final class BlockedAddressException extends UnknownHostException {
        BlockedAddressException(String message) {
            super(message);
        }
    }

    /** The response is larger than the limit. */
    public static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }

    static final String USER_AGENT = "PartnerHub/1.0 (ACCMR, City of Athens)";

    private final CloseableHttpClient publicOnly;
    private final CloseableHttpClient privateAllowed;
    private final Limits limits;

    OutboundHttp() {
        this(Limits.DEFAULT);
    }

    /** A client outside the Spring context, for command-line tools; close it when done. */
    public static OutboundHttp standalone() {
        return new OutboundHttp(Limits.DEFAULT);
    }

    OutboundHttp(Limits limits) {
        this.limits = limits;
        this.publicOnly = client(limits, new PublicAddressesOnly());
        this.privateAllowed = client(limits, SystemDefaultDnsResolver.INSTANCE);
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
        return client.execute(request, response -> read(response, uri));
    }

    private Response read(ClassicHttpResponse response, URI uri) throws IOException {
        HttpEntity entity = response.getEntity();
        byte[] body = new byte[0];
        if (entity != null) {
            if (entity.getContentLength() > limits.maxBytes()) {
                throw new TooLargeException(uri + " announces " + entity.getContentLength() + " bytes, more than the "
                        + limits.maxBytes() + " allowed");
            }
            try (InputStream in = entity.getContent()) {
                body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
            }
            if (body.length > limits.maxBytes()) {
                throw new TooLargeException(uri + " sent more than the " + limits.maxBytes() + " bytes allowed");
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
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 100.64.0.0/10 carrier-grade NAT, 0.0.0.0/8, 192.0.0.0/24, 198.18.0.0/15 benchmarking.
            return (first == 100 && second >= 64 && second < 128)
                    || first == 0
                    || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
                    || (first == 198 && (second == 18 || second == 19))
                    || first >= 240;
        }
        // IPv6 unique local addresses fc00::/7.
        return (bytes[0] & 0xfe) == 0xfc;
    }

    /** Resolves like the system does, then refuses internal addresses. */
    static final class PublicAddressesOnly implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            for (InetAddress address : addresses) {
                if (isInternal(address)) {
                    throw new BlockedAddressException(host + " resolves to the internal address "
                            + address.getHostAddress()
                            + "; set allowPrivateNetwork: true on the partner if that is intended");
                }
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
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
