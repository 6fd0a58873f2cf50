package gr.accmr.hub.faults;

import com.standardwebhooks.Webhook;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A push partner as the Standard Webhooks guide describes one: a steady stream of signed notices,
 * each with its own {@code webhook-id}, and every delivery that was not answered 2xx sent again
 * with the same id (and a fresh signature), after Retry-After when the hub gave one. The ledger
 * holds what the hub acknowledged: those notices are the ones the channels must all have.
 */
final class Pusher implements AutoCloseable {

    static final String PARTNER = "faults-api";
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    /** Every how many notices one is urgent, so the alerts channel has notices to deliver too. */
    static final int URGENT_EVERY = 5;

    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    /** One notice the pusher sent, and what became of it. */
    static final class Delivery {
        final int sequence;
        final String externalId;
        final String webhookId;
        final String body;
        final boolean urgent;
        final AtomicInteger attempts = new AtomicInteger();
        volatile int answer;
        volatile boolean duplicateAnswer;
        volatile Instant acknowledgedAt = Instant.EPOCH;

        Delivery(int sequence, String run) {
            this.sequence = sequence;
            this.externalId = run + "-" + sequence;
            this.webhookId = "msg_" + UUID.randomUUID();
            this.urgent = sequence % URGENT_EVERY == 0;
            this.body = """
                    {"externalId": "%s", "kind": "notice", "urgency": "%s",
                     "translations": {"en": {"title": "Fault test notice %d",
                                             "bodyText": "Notice %d of run %s."}}}
                    """.formatted(externalId, urgent ? "urgent" : "normal", sequence, sequence, run);
        }

        String noticeId() {
            return PARTNER + ":" + externalId;
        }

        boolean acknowledged() {
            return answer == 200 || answer == 202;
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Webhook signer;
    private final Supplier<List<URI>> hubs;
    private final String run;
    // Enough senders that a hub which hangs on requests does not slow the partner's stream: new
    // notices keep coming at the steady rate and wait for a sender, as in a partner's outbox.
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(16, runnable -> {
        Thread thread = new Thread(runnable, "pusher");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Integer, Delivery> deliveries = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong answeredDuplicate = new AtomicLong();
    private final Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
    private volatile boolean sending;

    /** {@code hubs}: the addresses to try, in order; a delivery goes to the first that answers. */
    Pusher(String run, Supplier<List<URI>> hubs) {
        this.run = run;
        this.hubs = hubs;
        try {
            this.signer = new Webhook(SECRET);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the stream: {@code perSecond} new notices a second until {@link #stopNew()}. */
    void start(int perSecond) {
        sending = true;
        executor.scheduleAtFixedRate(
                () -> {
                    if (sending) {
                        Delivery delivery = new Delivery(sequence.incrementAndGet(), run);
                        deliveries.put(delivery.sequence, delivery);
                        // Not on the timer's own thread: a fixed-rate task never overlaps itself.
                        executor.execute(() -> attempt(delivery));
                    }
                },
                0,
                1_000_000 / perSecond,
                TimeUnit.MICROSECONDS);
    }

    /** No new notices from now on; deliveries not yet acknowledged keep being retried. */
    void stopNew() {
        sending = false;
    }

    int sent() {
        return sequence.get();
    }

    long acknowledgedCount() {
        return deliveries.values().stream().filter(Delivery::acknowledged).count();
    }

    long unacknowledged() {
        return deliveries.size() - acknowledgedCount();
    }

    /** Waits until every notice sent so far was acknowledged, as a partner's retry queue drains. */
    void awaitAllAcknowledged(Duration timeout) {
        org.awaitility.Awaitility.await("every push acknowledged")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> unacknowledged() == 0);
    }

    List<Delivery> ledger() {
        return deliveries.values().stream()
                .filter(Delivery::acknowledged)
                .sorted(java.util.Comparator.comparingInt(d -> d.sequence))
                .toList();
    }

    long retries() {
        return retries.get();
    }

    long answeredDuplicate() {
        return answeredDuplicate.get();
    }

    Map<Integer, Long> answers() {
        Map<Integer, Long> copy = new java.util.TreeMap<>();
        answers.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }

    /** The first answer to one new push, and how long it took; the push is then retried like any other. */
    record Probe(int status, String retryAfter, Duration took) {}

    Probe probe(URI hub) {
        Delivery delivery = new Delivery(sequence.incrementAndGet(), run);
        deliveries.put(delivery.sequence, delivery);
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

    private void attempt(Delivery delivery) {
        int attempt = delivery.attempts.incrementAndGet();
        if (attempt > 1) {
            retries.incrementAndGet();
        }
        Duration wait = backOff(attempt);
        List<URI> targets = hubs.get();
        for (URI hub : targets) {
            try {
                HttpResponse<String> response = http.send(request(hub, delivery), HttpResponse.BodyHandlers.ofString());
                answers.computeIfAbsent(response.statusCode(), status -> new AtomicLong())
                        .incrementAndGet();
                if (response.statusCode() == 200 || response.statusCode() == 202) {
                    if (response.statusCode() == 200) {
                        answeredDuplicate.incrementAndGet();
                        delivery.duplicateAnswer = true;
                    }
                    delivery.acknowledgedAt = Instant.now();
                    delivery.answer = response.statusCode();
                    return;
                }
                delivery.answer = response.statusCode();
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
                return;
            }
        }
        if (!executor.isShutdown()) {
            executor.schedule(() -> attempt(delivery), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private HttpRequest request(URI hub, Delivery delivery) {
        long now = Instant.now().getEpochSecond();
        String signature;
        try {
            signature = signer.sign(delivery.webhookId, now, delivery.body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return HttpRequest.newBuilder(hub.resolve("/api/v1/partners/" + PARTNER + "/notices"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("webhook-id", delivery.webhookId)
                .header("webhook-timestamp", String.valueOf(now))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body, StandardCharsets.UTF_8))
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
