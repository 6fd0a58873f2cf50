package gr.accmr.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gr.accmr.hub.harness.Pusher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the partner's English mobile feed the way an app that refreshes often does: the first page
 * with {@code If-None-Match}, and further pages through {@code next_url} only as deep as the oldest
 * notice sent and not yet seen, so a notice that shows up below newer ones is still found. Notes
 * when each notice first appeared: the reader's view of "visible".
 */
final class FeedWatcher implements AutoCloseable {

    /** The deepest a single refresh reads; a notice lost for good must not make every refresh read the whole feed. */
    private static final int MAX_PAGES = 50;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final URI first;
    private final Pusher pusher;
    private final Duration every;
    private final Map<String, Instant> seenAt = new ConcurrentHashMap<>();
    private final AtomicLong refreshes = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private String etag = "";
    private int lowestUnseen = 1;

    FeedWatcher(URI first, Pusher pusher, Duration every, Duration longest) {
        this.first = first;
        this.pusher = pusher;
        this.every = every;
        long deadline = System.nanoTime() + longest.toNanos();
        this.thread = new Thread(
                () -> {
                    while (running && System.nanoTime() < deadline) {
                        long started = System.nanoTime();
                        try {
                            refresh();
                        } catch (IOException | RuntimeException e) {
                            errors.incrementAndGet();
                        } catch (InterruptedException e) {
                            return;
                        }
                        long left = every.toNanos() - (System.nanoTime() - started);
                        if (left > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(left);
                        }
                    }
                },
                "feed-watcher");
        thread.setDaemon(true);
    }

    FeedWatcher start() {
        thread.start();
        return this;
    }

    /** When the notice first showed in the feed, or null if it has not. */
    Instant seenAt(String noticeId) {
        return seenAt.get(noticeId);
    }

    Map<String, Object> figures() {
        return Map.of(
                "refreshEveryMillis", every.toMillis(),
                "refreshes", refreshes.get(),
                "notModified", notModified.get(),
                "pagesRead", pages.get(),
                "errors", errors.get());
    }

    private void refresh() throws IOException, InterruptedException {
        refreshes.incrementAndGet();
        Instant cutoff = oldestUnseenMade();
        URI next = first;
        Instant seen = null;
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(next)
                    .timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/feed+json");
            if (page == 0 && !etag.isEmpty()) {
                request.header("If-None-Match", etag);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 304) {
                notModified.incrementAndGet();
                return;
            }
            if (response.statusCode() != 200) {
                throw new IOException(next + " answered " + response.statusCode());
            }
            pages.incrementAndGet();
            if (page == 0) {
                // Whatever a deeper page shows was already visible when the first one was answered.
                seen = Instant.now();
                etag = response.headers().firstValue("ETag").orElse("");
            }
            JsonNode feed = JSON.readTree(response.body());
            Instant oldestOnPage = null;
            for (JsonNode item : feed.path("items")) {
                seenAt.putIfAbsent(item.path("id").asText(), seen);
                if (item.hasNonNull("date_published")) {
                    oldestOnPage = Instant.parse(item.get("date_published").asText());
                }
            }
            boolean deeper = oldestOnPage == null || oldestOnPage.isAfter(cutoff);
            next = deeper && feed.hasNonNull("next_url")
                    ? URI.create(feed.get("next_url").asText())
                    : null;
        }
    }

    /**
     * When the oldest notice not seen yet was made, less a margin; a little before now when all were
     * seen. Not when it was first sent: a notice can wait in the partner's outbox for a free sender,
     * and its {@code publishedAt}, by which the feed is ordered, is from when it was made.
     */
    private Instant oldestUnseenMade() {
        Pusher.Delivery delivery;
        while ((delivery = pusher.delivery(lowestUnseen)) != null && seenAt.containsKey(delivery.noticeId())) {
            lowestUnseen++;
        }
        return (delivery == null ? Instant.now() : delivery.createdAt).minusSeconds(2);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
