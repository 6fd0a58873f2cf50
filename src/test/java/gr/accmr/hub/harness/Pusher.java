package gr.accmr.hub.harness;

import com.standardwebhooks.Webhook;
import gr.accmr.hub.notice.RawHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * A push partner as the Standard Webhooks guide describes one: a steady stream of signed notices,
 * each with its own {@code webhook-id}, and every delivery that was not answered 2xx sent again
 * with the same id (and a fresh signature), after Retry-After when the hub gave one. The ledger
 * holds what the hub acknowledged: those notices are the ones the channels must all have.
 */
public final class Pusher implements AutoCloseable {

    public static final String PARTNER = "faults-api";
    public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    /** Every how many notices one is urgent, so the alerts channel has notices to deliver too. */
    public static final int URGENT_EVERY = 5;

    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    /** The JSON body of one notice the pusher sends. */
    @FunctionalInterface
    public interface Body {
        String of(String externalId, int sequence, boolean urgent);
    }

    /** A short English notice, a few hundred bytes. */
    public static final Body SHORT = (externalId, sequence, urgent) ->
            """
            {"externalId": "%s", "kind": "notice", "urgency": "%s",
             "translations": {"en": {"title": "Fault test notice %d",
                                     "bodyText": "Notice %d of %s."}}}
            """.formatted(externalId, urgent ? "urgent" : "normal", sequence, sequence, externalId);

    /** One notice the pusher sent, and what became of it. */
    public static final class Delivery {
        public final int sequence;
        public final String externalId;
        public final String webhookId;
        public final String body;
        public final boolean urgent;
        final AtomicInteger attempts = new AtomicInteger();
        volatile int answer;
        volatile boolean duplicateAnswer;
        volatile Instant acknowledgedAt = Instant.EPOCH;
        /** When the notice was made, before its body: a notice stamped with its own time is not older than this. */
        public final Instant createdAt = Instant.now();

        Delivery(int sequence, String run, Body body) {
            this.sequence = sequence;
            this.externalId = run + "-" + sequence;
            this.webhookId = "msg_" + UUID.randomUUID();
            this.urgent = sequence % URGENT_EVERY == 0;
            this.body = body.of(externalId, sequence, urgent);
        }

        public String noticeId() {
            return PARTNER + ":" + externalId;
        }

        public boolean acknowledged() {
            return answer == 200 || answer == 202;
        }

        /** When the hub's 2xx arrived; {@link Instant#EPOCH} until then. */
        public Instant acknowledgedAt() {
            return acknowledgedAt;
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Webhook signer;
    private final Supplier<List<URI>> hubs;
    private final String run;
    private final Body body;
    // Enough senders that a hub which hangs on requests does not slow the partner's stream: new
    // notices keep coming at the steady rate and wait for a sender, as in a partner's outbox.
    private final ScheduledExecutorService executor;
    private final Map<Integer, Delivery> deliveries = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong answeredDuplicate = new AtomicLong();
    private final Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
    private volatile boolean sending;

    /** {@code hubs}: the addresses to try, in order; a delivery goes to the first that answers. */
    public Pusher(String run, Supplier<List<URI>> hubs) {
        this(run, hubs, SHORT, 16);
    }

    /** {@code senders}: how many pushes may be in flight at once in the steady stream. */
    public Pusher(String run, Supplier<List<URI>> hubs, Body body, int senders) {
        this.run = run;
        this.hubs = hubs;
        this.body = body;
        this.executor = Executors.newScheduledThreadPool(senders, runnable -> {
            Thread thread = new Thread(runnable, "pusher");
            thread.setDaemon(true);
            return thread;
        });
        try {
            this.signer = new Webhook(SECRET);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the stream: {@code perSecond} new notices a second until {@link #stopNew()}. */
    public void start(int perSecond) {
        sending = true;
        executor.scheduleAtFixedRate(
                () -> {
                    if (sending) {
                        Delivery delivery = newDelivery();
                        // Not on the timer's own thread: a fixed-rate task never overlaps itself.
                        executor.execute(() -> attempt(delivery));
                    }
                },
                0,
                1_000_000 / perSecond,
                TimeUnit.MICROSECONDS);
    }

    /**
     * Sends {@code count} new notices as fast as {@code clients} concurrent senders can, each
     * retried until acknowledged; returns once all are, or when {@code timeout} has passed.
     */
    public void pushAll(int count, int clients, Duration timeout) {
        pushAll(count, clients, 1, timeout);
    }

    /**
     * {@link #pushAll(int, int, Duration)} with {@code batchSize} notices in each request (the batch
     * endpoint; one notice: the single one), each batch retried whole until acknowledged.
     */
    public void pushAll(int count, int clients, int batchSize, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicInteger left = new AtomicInteger(count);
        ExecutorService senders = Executors.newFixedThreadPool(clients, runnable -> {
            Thread thread = new Thread(runnable, "pusher-full-speed");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int i = 0; i < clients; i++) {
                senders.execute(() -> {
                    while (System.nanoTime() < deadline) {
                        int size = Math.min(batchSize, left.getAndAdd(-batchSize));
                        if (size <= 0) {
                            return;
                        }
                        List<Delivery> batch = new java.util.ArrayList<>(size);
                        for (int n = 0; n < size; n++) {
                            batch.add(newDelivery());
                        }
                        // A batch of one is a single push, as a partner with one notice sends it.
                        String webhookId = batchSize == 1 ? batch.get(0).webhookId : batch.get(0).webhookId + "-batch";
                        for (Duration wait = attempt(batch, webhookId, hubs.get());
                                wait != null && System.nanoTime() < deadline;
                                wait = attempt(batch, webhookId, hubs.get())) {
                            // A partner's back-off before the same delivery again, not a test's wait.
                            LockSupport.parkNanos(wait.toNanos());
                        }
                    }
                });
            }
            senders.shutdown();
            if (!senders.awaitTermination(
                    Math.max(0, deadline - System.nanoTime()) + 30_000_000_000L, TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("pushes still in flight after " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            senders.shutdownNow();
        }
    }

    /** No new notices from now on; deliveries not yet acknowledged keep being retried. */
    public void stopNew() {
        sending = false;
    }

    public int sent() {
        return sequence.get();
    }

    public long acknowledgedCount() {
        return deliveries.values().stream().filter(Delivery::acknowledged).count();
    }

    public long unacknowledged() {
        return deliveries.size() - acknowledgedCount();
    }

    /** Waits until every notice sent so far was acknowledged, as a partner's retry queue drains. */
    public void awaitAllAcknowledged(Duration timeout) {
        org.awaitility.Awaitility.await("every push acknowledged")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> unacknowledged() == 0);
    }

    /** The delivery with this sequence number (from 1, in the order made), or null if none was made yet. */
    public @Nullable Delivery delivery(int sequence) {
        return deliveries.get(sequence);
    }

    public List<Delivery> ledger() {
        return deliveries.values().stream()
                .filter(Delivery::acknowledged)
                .sorted(java.util.Comparator.comparingInt(d -> d.sequence))
                .toList();
    }

    public long retries() {
        return retries.get();
    }

    public long answeredDuplicate() {
        return answeredDuplicate.get();
    }

    public Map<Integer, Long> answers() {
        Map<Integer, Long> copy = new java.util.TreeMap<>();
        answers.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }

    /** The first answer to one new push, and how long it took; the push is then retried like any other. */
    public record Probe(int status, String retryAfter, Duration took) {}

    public Probe probe(URI hub) {
        Delivery delivery = newDelivery();
        delivery.attempts.incrementAndGet();
        long started = System.nanoTime();
        int status = -1;
        String retryAfter = "";
        try {
            HttpResponse<String> response = http.send(request(hub, delivery), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            retryAfter = response.headers().firstValue("Retry-After").orElse("");
        } catch (java.io.IOException e) {
            // Refused or reset: reported as -1.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (status == 200 || status == 202) {
            delivery.answer = status;
            delivery.acknowledgedAt = Instant.now();
        } else {
            executor.schedule(() -> attempt(delivery), FIRST_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
        return new Probe(status, retryAfter, took);
    }

    /** One attempt from the steady stream; not acknowledged, it is tried again after the back-off. */
    private void attempt(Delivery delivery) {
        Duration wait = attempt(delivery, hubs.get());
        if (wait != null && !executor.isShutdown()) {
            executor.schedule(() -> attempt(delivery), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Sends the delivery to the first hub that answers: null once acknowledged, else the wait before the next try. */
    private @Nullable Duration attempt(Delivery delivery, List<URI> targets) {
        return attempt(List.of(delivery), delivery.webhookId, targets);
    }

    /**
     * Sends one request, a single push or a batch under {@code webhookId}, to the first hub that
     * answers: null once acknowledged (every delivery of it then is), else the wait before the next try.
     */
    private @Nullable Duration attempt(List<Delivery> batch, String webhookId, List<URI> targets) {
        int attempt = 0;
        for (Delivery delivery : batch) {
            attempt = delivery.attempts.incrementAndGet();
        }
        if (attempt > 1) {
            retries.incrementAndGet();
        }
        Duration wait = backOff(attempt);
        for (URI hub : targets) {
            try {
                HttpResponse<String> response =
                        http.send(request(hub, batch, webhookId), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                answers.computeIfAbsent(status, any -> new AtomicLong()).incrementAndGet();
                for (Delivery delivery : batch) {
                    delivery.answer = status;
                }
                if (status == 200 || status == 202) {
                    if (status == 200) {
                        answeredDuplicate.incrementAndGet();
                    }
                    Instant now = Instant.now();
                    for (Delivery delivery : batch) {
                        delivery.duplicateAnswer = status == 200;
                        delivery.acknowledgedAt = now;
                    }
                    return null;
                }
                wait = response.headers()
                        .firstValue("Retry-After")
                        .map(Pusher::retryAfter)
                        .orElse(wait);
                break;
            } catch (java.io.IOException e) {
                // Refused or reset: this hub is down; the next address may be up.
                answers.computeIfAbsent(-1, status -> new AtomicLong()).incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return wait;
    }

    private Delivery newDelivery() {
        Delivery delivery = new Delivery(sequence.incrementAndGet(), run, body);
        deliveries.put(delivery.sequence, delivery);
        return delivery;
    }

    /**
     * The record the push API writes to {@code hub.inbound.raw} for one of this partner's pushes,
     * with the same key and headers, for writing past the API: work the stages must do although
     * no push was accepted, or a preload faster than HTTP.
     */
    public static ProducerRecord<String, byte[]> rawRecord(String topic, String externalId, String body) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, PARTNER + ":" + externalId, body.getBytes(StandardCharsets.UTF_8));
        rawHeader(record, RawHeaders.PARTNER, PARTNER);
        rawHeader(record, RawHeaders.SOURCE, "push." + PARTNER);
        rawHeader(record, RawHeaders.CONTENT_TYPE, RawHeaders.PUSH_NOTICE);
        rawHeader(record, RawHeaders.RECEIVED_AT, Instant.now().toString());
        rawHeader(record, RawHeaders.LANGUAGE, "en");
        rawHeader(record, RawHeaders.KIND, "notice");
        return record;
    }

    private static void rawHeader(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest request(URI hub, Delivery delivery) {
        return request(hub, List.of(delivery), delivery.webhookId);
    }

    private HttpRequest request(URI hub, List<Delivery> batch, String webhookId) {
        String path = "/api/v1/partners/" + PARTNER + (batch.size() == 1 ? "/notices" : "/notice-batches");
        String body = batch.size() == 1
                ? batch.get(0).body
                : batch.stream()
                        .map(delivery -> delivery.body)
                        .collect(Collectors.joining(",", "{\"notices\": [", "]}"));
        long now = Instant.now().getEpochSecond();
        String signature;
        try {
            signature = signer.sign(webhookId, now, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return HttpRequest.newBuilder(hub.resolve(path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", String.valueOf(now))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private static Duration backOff(int attempt) {
        long millis = FIRST_RETRY.toMillis() << Math.min(attempt - 1, 10);
        return Duration.ofMillis(Math.min(millis, LAST_RETRY.toMillis()));
    }

    private static Duration retryAfter(String value) {
        try {
            return Duration.ofSeconds(Math.max(1, Math.min(30, Long.parseLong(value.trim()))));
        } catch (NumberFormatException e) {
            return LAST_RETRY;
        }
    }

    @Override
    public void close() {
        sending = false;
        executor.shutdownNow();
    }
}
