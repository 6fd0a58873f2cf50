package gr.accmr.hub.ingest.push;

import gr.accmr.hub.ingest.RawDelivery;
import gr.accmr.hub.ingest.RawPublisher;
import gr.accmr.hub.platform.KafkaPublisher;
import gr.accmr.hub.platform.Problems;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Takes a checked push to Kafka and says truthfully what became of it: {@code 202} only after
 * Kafka acknowledged the record, {@code 200} only for a webhook-id whose record was acknowledged
 * before, {@code 409} while another attempt of the same webhook-id is in flight, {@code 503} with
 * {@code Retry-After} when Kafka or PostgreSQL does not answer within {@link
 * PushProperties#acceptTimeout()} or too many pushes are in flight already.
 *
 * <p>Each push runs on a worker of a fixed pool, never on a request thread, so a Kafka outage
 * cannot take the threads that serve feeds and the site; when every worker is busy the push is
 * refused at once. A worker keeps waiting for the producer after the partner got its {@code 503},
 * so the outcome is recorded in any case: acknowledged → delivered, failed → claim released.
 */
@Component
class PushAcceptance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PushAcceptance.class);

    /** Retry-After of a 503: long enough for a short broker or database fail-over. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    /**
     * Added to the longest a record can take to be reported (max block + delivery timeout), for the
     * database write after the acknowledgement and clock differences between instances.
     */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

    private final PushProperties properties;
    private final PushDeliveries deliveries;
    private final RawPublisher raw;
    private final KafkaPublisher.BoundedProducer producer;
    private final ThreadPoolExecutor workers;
    private final Duration lease;
    private final String instance;

    @Autowired
    PushAcceptance(PushProperties properties, PushDeliveries deliveries, RawPublisher raw, KafkaPublisher kafka) {
        this(
                properties,
                deliveries,
                raw,
                kafka.bounded("hub.push", properties.kafkaMaxBlock(), properties.kafkaDeliveryTimeout()));
    }

    PushAcceptance(
            PushProperties properties,
            PushDeliveries deliveries,
            RawPublisher raw,
            KafkaPublisher.BoundedProducer producer) {
        this.properties = properties;
        this.deliveries = deliveries;
        this.raw = raw;
        this.producer = producer;
        this.lease = lease(properties);
        this.instance = instanceName();
        // No queue: a push either gets a worker now or is refused, so none waits unseen.
        this.workers = new ThreadPoolExecutor(
                properties.maxInFlight(),
                properties.maxInFlight(),
                1,
                TimeUnit.MINUTES,
                new SynchronousQueue<>(),
                new CustomizableThreadFactory("hub-push-"),
                new ThreadPoolExecutor.AbortPolicy());
        this.workers.allowCoreThreadTimeOut(true);
    }

    /**
     * How long a claim holds its webhook-id. Longer than the producer can take to report the
     * record, so a claim expires only when its instance is gone, not while its record may still be
     * acknowledged.
     */
    static Duration lease(PushProperties properties) {
        return properties
                .kafkaMaxBlock()
                .plus(properties.kafkaDeliveryTimeout())
                .plus(LEASE_MARGIN);
    }

    /** What the controller answers once the hub knows what became of a push. */
    interface Answers<T> {

        /** Kafka acknowledged every record of this attempt. */
        ResponseEntity<T> accepted();

        /** The webhook-id was delivered before; {@code storedNoticeId} is the notice it carried first. */
        ResponseEntity<T> duplicate(String storedNoticeId);
    }

    /** The answer to one push, completed within {@link PushProperties#acceptTimeout()}. */
    CompletableFuture<ResponseEntity<PushController.Accepted>> deliver(String webhookId, RawDelivery delivery) {
        String noticeId = delivery.key().toString();
        return deliver(webhookId, List.of(delivery), new Answers<>() {
            @Override
            public ResponseEntity<PushController.Accepted> accepted() {
                return ResponseEntity.accepted()
                        .location(URI.create("/api/v1/archive/notices/" + noticeId))
                        .body(new PushController.Accepted(noticeId, webhookId, false));
            }

            @Override
            public ResponseEntity<PushController.Accepted> duplicate(String storedNoticeId) {
                return ResponseEntity.ok(new PushController.Accepted(storedNoticeId, webhookId, true));
            }
        });
    }

    /**
     * The answer to one push of one or more records under one webhook-id, completed within {@link
     * PushProperties#acceptTimeout()}: accepted once Kafka acknowledged all of them.
     */
    <T> CompletableFuture<ResponseEntity<T>> deliver(String webhookId, List<RawDelivery> pushed, Answers<T> answers) {
        CompletableFuture<ResponseEntity<T>> answer = new CompletableFuture<>();
        try {
            workers.execute(() -> {
                try {
                    attempt(webhookId, pushed, answers, answer);
                } catch (RuntimeException e) {
                    // Unforeseen: the partner retries; a claim left pending frees itself after its lease.
                    log.error("Push {} failed unexpectedly", webhookId, e);
                    answer.completeExceptionally(
                            unavailable("Not stored", "the hub could not store the notice; retry"));
                }
            });
        } catch (RejectedExecutionException full) {
            log.warn("Push {} refused: {} pushes are in flight already", webhookId, properties.maxInFlight());
            answer.completeExceptionally(unavailable("Busy", "too many pushes are waiting for storage; retry"));
            return answer;
        }
        return answer.orTimeout(properties.acceptTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> {
                    Throwable cause =
                            error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof ErrorResponseException problem) {
                        throw problem;
                    }
                    if (!(cause instanceof TimeoutException)) {
                        throw unavailable("Not stored", "the hub could not store the notice; retry");
                    }
                    // The worker goes on waiting and records the outcome; the partner's retry sees it.
                    log.warn("Push {} not stored within {}; answered 503", webhookId, properties.acceptTimeout());
                    throw unavailable("Not stored in time", "the hub could not store the notice in time; retry");
                });
    }

    private <T> void attempt(
            String webhookId,
            List<RawDelivery> pushed,
            Answers<T> answers,
            CompletableFuture<ResponseEntity<T>> answer) {
        String partner = pushed.get(0).key().partner();
        // A batch's claim names its first notice; the partner's request names them all.
        String noticeId = pushed.get(0).key().toString();
        PushDeliveries.Claim claim;
        try {
            claim = deliveries.claim(partner, webhookId, noticeId, instance, lease);
        } catch (DataAccessException e) {
            log.warn("Push {} from {}: the database did not take the claim: {}", webhookId, partner, e.getMessage());
            answer.completeExceptionally(unavailable("Not stored", "the hub's database is unavailable; retry"));
            return;
        }
        if (claim instanceof PushDeliveries.Claim.Delivered delivered) {
            answer.complete(answers.duplicate(delivered.noticeId()));
            return;
        }
        if (claim instanceof PushDeliveries.Claim.InFlight inFlight) {
            answer.completeExceptionally(inFlight(inFlight.leaseLeft()));
            return;
        }
        PushDeliveries.Claim.Claimed claimed = (PushDeliveries.Claim.Claimed) claim;
        RecordMetadata first = null;
        try {
            // Sent together, so a batch costs about one acknowledgement's wait, not one per record.
            List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(pushed.size());
            for (RawDelivery delivery : pushed) {
                acks.add(producer.send(raw.record(delivery)));
            }
            // Not the accept timeout: this worker waits for the producer's verdict whatever the partner got.
            long deadline = System.nanoTime() + lease.toNanos();
            for (CompletableFuture<RecordMetadata> ack : acks) {
                RecordMetadata metadata = ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (first == null) {
                    first = metadata;
                }
            }
        } catch (ExecutionException e) {
            // The producer gave up on a record: free the id so the partner's retry is delivered.
            // After a timeout the record may still have been written, and in a batch the others
            // were; the retry then writes the same bytes again, which the normalize stage turns into
            // no new version.
            log.warn(
                    "Push {} from {} not acknowledged by Kafka: {}",
                    webhookId,
                    partner,
                    e.getCause().toString());
            release(partner, webhookId, claimed);
            answer.completeExceptionally(unavailable("Not stored", "the hub could not store the notice; retry"));
            return;
        } catch (TimeoutException e) {
            // The producer always reports within its delivery timeout; if not, the lease frees the id.
            answer.completeExceptionally(unavailable("Not stored", "the hub could not store the notice; retry"));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.completeExceptionally(unavailable("Shutting down", "the hub is stopping; retry"));
            return;
        }
        try {
            deliveries.delivered(partner, webhookId, first.partition(), first.offset());
        } catch (DataAccessException e) {
            // The records are on Kafka, so 202 is the truth. The claim stays pending: a retry after
            // the lease writes the same bytes again, and normalizing them makes no new version.
            log.warn("Push {} from {} is on Kafka but not marked delivered: {}", webhookId, partner, e.getMessage());
        }
        answer.complete(answers.accepted());
    }

    private void release(String partner, String webhookId, PushDeliveries.Claim.Claimed claimed) {
        try {
            deliveries.release(partner, webhookId, claimed.claimId());
        } catch (DataAccessException e) {
            log.warn("Push {} from {}: claim not released, it frees itself after {}", webhookId, partner, lease);
        }
    }

    private static ErrorResponseException inFlight(Duration leaseLeft) {
        ErrorResponseException problem = Problems.of(
                HttpStatus.CONFLICT,
                "Delivery in progress",
                "this webhook-id is being delivered by an earlier attempt; retry to learn its outcome");
        // The earlier attempt is reported well before its lease ends; never ask for more than 10 s.
        long seconds = Math.max(1, Math.min(RETRY_AFTER.toSeconds(), (leaseLeft.toMillis() + 999) / 1000));
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        return problem;
    }

    static ErrorResponseException unavailable(String title, String detail) {
        ErrorResponseException problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, title, detail);
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()));
        return problem;
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid();
    }

    /** Lets pushes in flight learn their outcome before the producer closes. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            workers.awaitTermination(lease.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}
