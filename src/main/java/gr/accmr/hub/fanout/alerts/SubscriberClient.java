package gr.accmr.hub.fanout.alerts;

import gr.accmr.hub.platform.RequestDeadlines;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client of alert deliveries, webhooks and Web Push alike. Connections go only to
 * addresses {@link SubscriberAddresses} allows, judged afresh by the resolver at every delivery
 * since DNS may have changed since registration; a redirect is an answer like any other, never
 * followed to wherever it points; the whole exchange, from connecting to the last byte read, ends
 * at the timeout, and at most {@value #ANSWER_BYTES} bytes of an answer are read.
 */
final class SubscriberClient implements Closeable {

    /** A subscriber's answer: its status and the start of its body. */
    record Answer(int status, String body) {}

    /** Bytes of an answer read: enough for a push service's reason; the rest is never read. */
    static final int ANSWER_BYTES = 4096;

    private final CloseableHttpClient http;
    private final Duration timeout;

    SubscriberClient(SubscriberAddresses addresses, Duration timeout, int parallel) {
        this.timeout = timeout;
        Timeout each = Timeout.of(timeout);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(addresses.resolver())
                        // As many connections as sends at once, even to one push service, so none
                        // waits for another's connection and runs out of its time.
                        .setMaxConnPerRoute(parallel)
                        .setMaxConnTotal(parallel)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(each)
                                .setSocketTimeout(each)
                                .build())
                        .build())
                .setDefaultRequestConfig(
                        RequestConfig.custom().setResponseTimeout(each).build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .build();
    }

    /**
     * Sends the request and reads the start of the answer. At the deadline, or once those bytes
     * are read and more would follow, the request is aborted, which closes its connection instead
     * of reading on.
     */
    Answer send(HttpUriRequestBase request) throws IOException {
        AtomicReference<Answer> answered = new AtomicReference<>();
        ScheduledFuture<?> deadline = RequestDeadlines.abortAfter(timeout, request::cancel);
        try {
            return http.execute(request, response -> {
                byte[] body = response.getEntity() == null
                        ? new byte[0]
                        : response.getEntity().getContent().readNBytes(ANSWER_BYTES + 1);
                if (body.length > ANSWER_BYTES) {
                    request.cancel();
                    body = Arrays.copyOf(body, ANSWER_BYTES);
                }
                answered.set(new Answer(response.getCode(), new String(body, StandardCharsets.UTF_8)));
                return answered.get();
            });
        } catch (IOException e) {
            if (answered.get() != null) {
                // Aborted once the answer was read: the rest of its body is not needed.
                return answered.get();
            }
            throw deadline.isDone() && !deadline.isCancelled()
                    ? new SocketTimeoutException("no complete answer within " + timeout)
                    : e;
        } finally {
            deadline.cancel(false);
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
