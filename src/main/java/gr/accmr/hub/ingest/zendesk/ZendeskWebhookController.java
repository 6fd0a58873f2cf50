package gr.accmr.hub.ingest.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.ingest.PartnerPolling;
import gr.accmr.hub.notice.NoticeJson;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Zendesk's {@code article.published} and {@code article.unpublished} webhooks. They name only the
 * article, so the hub fetches the article and its translations as they are now and publishes them
 * (or a retraction when the article is gone or a draft); acting on the current state rather than
 * the event makes calls that arrive late or out of order harmless. The answer is 202 only after
 * Kafka acknowledged the record; when Zendesk or Kafka takes longer than {@link #ACCEPT_TIMEOUT},
 * or {@link #WORKERS} calls are in progress already, it is 503 with {@code Retry-After}, and Zendesk
 * retries. The work runs on workers of its own, never on a request thread, so a Kafka outage cannot
 * take the threads that serve feeds and the site. Authentication is the signature alone (security
 * lets {@code /api/v1/webhooks/**} through).
 */
@RestController
class ZendeskWebhookController implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ZendeskWebhookController.class);

    /** {@code zen:article:360001}, the subject of Zendesk's event-subscription webhooks. */
    private static final Pattern SUBJECT = Pattern.compile("zen:article:(\\d{1,19})");

    /** Longest a call waits for the article and Kafka's acknowledgement: under Zendesk's 12 s limit. */
    static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(8);

    /** Calls handled at once; Zendesk sends a burst on a bulk edit and retries what is refused. */
    static final int WORKERS = 8;

    private static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final ZendeskPolls polls;

    /**
     * No queue: a call either gets a worker now or is refused. A worker whose call timed out goes on
     * until the record is acknowledged or refused; publishing the article as it is then is harmless
     * whenever it lands, and the normalize stage makes no new version of unchanged content.
     */
    private final ThreadPoolExecutor workers = new ThreadPoolExecutor(
            WORKERS,
            WORKERS,
            1,
            TimeUnit.MINUTES,
            new SynchronousQueue<>(),
            new CustomizableThreadFactory("hub-zendesk-webhook-"),
            new ThreadPoolExecutor.AbortPolicy());

    ZendeskWebhookController(ZendeskPolls polls) {
        this.polls = polls;
        workers.allowCoreThreadTimeOut(true);
    }

    @PostMapping("/api/v1/webhooks/zendesk/{partner}")
    CompletableFuture<ResponseEntity<?>> receive(
            @PathVariable String partner,
            @RequestHeader(name = WebhookSignature.SIGNATURE, required = false) @Nullable String signature,
            @RequestHeader(name = WebhookSignature.TIMESTAMP, required = false) @Nullable String timestamp,
            HttpServletRequest request) {
        ZendeskProperties.Partner config = polls.partner(partner)
                .filter(known -> !known.webhookSecret().isBlank())
                .orElseThrow(() ->
                        problem(HttpStatus.NOT_FOUND, "Unknown partner", "No Zendesk webhook for partner " + partner));
        // Read only for a known partner, and only once the platform's body limit (hub.http.webhook-max-body)
        // bounds it; the signature is checked before anything parses it.
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw problem(HttpStatus.BAD_REQUEST, "Unreadable webhook body", e.getMessage());
        }
        Optional<String> refused =
                WebhookSignature.check(config.webhookSecret(), timestamp, bytes, signature, Instant.now());
        if (refused.isPresent()) {
            log.warn("Refused a Zendesk webhook call for partner {}: {}", partner, refused.get());
            throw problem(HttpStatus.UNAUTHORIZED, "Invalid signature", refused.get());
        }
        Optional<Long> article = articleId(bytes);
        if (article.isEmpty()) {
            // Signed by the partner but about something else: acknowledged so Zendesk does not retry it.
            return CompletableFuture.completedFuture(ResponseEntity.accepted().build());
        }
        CompletableFuture<ResponseEntity<?>> answer;
        try {
            answer = CompletableFuture.supplyAsync(() -> publish(partner, article.get()), workers);
        } catch (RejectedExecutionException full) {
            log.warn("Refused a Zendesk webhook call for partner {}: {} calls in progress", partner, WORKERS);
            return CompletableFuture.completedFuture(unavailable("Busy", "too many webhook calls in progress"));
        }
        return answer.orTimeout(ACCEPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> {
                    Throwable cause =
                            error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof ErrorResponseException problem) {
                        throw problem;
                    }
                    log.warn("Zendesk webhook call for partner {} not stored: {}", partner, cause.toString());
                    return unavailable("Not stored", "the hub could not store the article in time; retry");
                });
    }

    /** On a worker: fetches the article and returns once Kafka acknowledged its record. */
    private ResponseEntity<?> publish(String partner, long article) {
        try {
            polls.publishCurrent(partner, article);
        } catch (PartnerPolling.RetryLaterException e) {
            // Passed on to Zendesk, whose webhook retries honour Retry-After.
            ProblemDetail busy = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
            busy.setTitle("Zendesk asked to retry later");
            var answer = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
            if (e.retryAfter() != null) {
                answer.header(
                        HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter().toSeconds()));
            }
            return answer.body(busy);
        } catch (java.net.SocketTimeoutException e) {
            // Zendesk too slow to answer (the request deadline included) is an outage: retry later.
            return unavailable("Zendesk did not answer in time", e.getMessage());
        } catch (IOException e) {
            // Zendesk retries calls that fail; the article is fetched again then.
            throw problem(HttpStatus.BAD_GATEWAY, "Cannot fetch the article from Zendesk", e.getMessage());
        }
        return ResponseEntity.accepted().build();
    }

    /** Kafka or the database failed or is slow: not stored, so Zendesk must retry. */
    private static ResponseEntity<ProblemDetail> unavailable(String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle(title);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()))
                .body(problem);
    }

    /** Lets calls in progress finish before Kafka's producer closes. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            workers.awaitTermination(ACCEPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The article an {@code article.published}/{@code article.unpublished} call is about. */
    static Optional<Long> articleId(byte[] body) {
        JsonNode event;
        try {
            event = NoticeJson.mapper().readTree(body);
        } catch (IOException e) {
            throw problem(HttpStatus.BAD_REQUEST, "Unreadable webhook body", "the body is not JSON");
        }
        if (event == null || !event.isObject()) {
            throw problem(HttpStatus.BAD_REQUEST, "Unreadable webhook body", "the body is not a JSON object");
        }
        String type = event.path("type").asText("");
        if (!type.endsWith("article.published") && !type.endsWith("article.unpublished")) {
            return Optional.empty();
        }
        for (JsonNode candidate : new JsonNode[] {event.path("detail").path("id"), event.path("article_id")}) {
            if (candidate.canConvertToLong() || candidate.asText("").matches("\\d{1,19}")) {
                return Optional.of(candidate.asLong());
            }
        }
        Matcher subject = SUBJECT.matcher(event.path("subject").asText(""));
        if (subject.matches()) {
            return Optional.of(Long.parseLong(subject.group(1)));
        }
        throw problem(HttpStatus.BAD_REQUEST, "Unreadable webhook body", "the event names no article id");
    }

    private static ErrorResponseException problem(HttpStatus status, String title, @Nullable String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}
