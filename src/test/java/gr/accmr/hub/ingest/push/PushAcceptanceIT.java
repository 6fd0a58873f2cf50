package gr.accmr.hub.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import gr.accmr.hub.HubITSupport;
import gr.accmr.hub.ingest.RawDelivery;
import gr.accmr.hub.ingest.RawPublisher;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.platform.KafkaEndpoints;
import gr.accmr.hub.platform.KafkaPublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.ErrorResponseException;

/**
 * The push path against a Kafka or a PostgreSQL that is not there (a port nothing listens on),
 * with the hub's real broker and database for everything else: the answer is 503 with
 * Retry-After within 10 s, and the outcome is recorded even when it comes after the answer.
 */
class PushAcceptanceIT extends HubITSupport {

    @Autowired
    PushDeliveries deliveries;

    @Autowired
    RawPublisher raw;

    @Autowired
    KafkaEndpoints endpoints;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void answersServiceUnavailableWithRetryAfterWithinTenSecondsWhenKafkaIsUnreachable() throws Exception {
        PushAcceptance acceptance =
                new PushAcceptance(properties(Duration.ofSeconds(8), 4), deliveries, raw, unreachableKafka());
        try {
            String id = "msg_" + UUID.randomUUID();
            long start = System.nanoTime();

            CompletableFuture<ResponseEntity<PushController.Accepted>> answer =
                    acceptance.deliver(id, notice("kafka-down-1"));

            // The caller (a request thread) gets the future back at once and is free.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertUnavailable(answer);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            // Kafka refused the record, so the claim is given back for the partner's retry.
            await().atMost(Duration.ofSeconds(30)).until(() -> rows(id) == 0);
        } finally {
            acceptance.close();
        }
    }

    @Test
    void refusesAPushAtOnceWhileEveryWorkerWaitsForKafka() throws Exception {
        PushAcceptance acceptance =
                new PushAcceptance(properties(Duration.ofSeconds(8), 1), deliveries, raw, unreachableKafka());
        try {
            CompletableFuture<ResponseEntity<PushController.Accepted>> waiting =
                    acceptance.deliver("msg_" + UUID.randomUUID(), notice("kafka-down-2"));

            CompletableFuture<ResponseEntity<PushController.Accepted>> refused =
                    acceptance.deliver("msg_" + UUID.randomUUID(), notice("kafka-down-3"));

            assertThat(refused).isCompletedExceptionally();
            assertUnavailable(refused);
            assertUnavailable(waiting);
        } finally {
            acceptance.close();
        }
    }

    @Test
    void answersServiceUnavailableWhenTheDatabaseIsUnreachable() throws Exception {
        PushDeliveries nowhere = new PushDeliveries(new JdbcTemplate(
                new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:" + freePort() + "/hub", "hub", "hub")));
        PushAcceptance acceptance = new PushAcceptance(properties(Duration.ofSeconds(8), 4), nowhere, raw, hubKafka());
        try {
            long start = System.nanoTime();

            assertUnavailable(acceptance.deliver("msg_" + UUID.randomUUID(), notice("db-down-1")));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(records("hub.inbound.raw", "irc-api:db-down-1")).isEmpty();
        } finally {
            acceptance.close();
        }
    }

    @Test
    void recordsAnAcknowledgementThatArrivesAfterThePartnerWasAnswered() throws Exception {
        // Answers time out at once, so every acknowledgement comes after the answer.
        PushAcceptance acceptance =
                new PushAcceptance(properties(Duration.ofMillis(1), 4), deliveries, raw, hubKafka());
        try {
            String id = "msg_" + UUID.randomUUID();

            assertUnavailable(acceptance.deliver(id, notice("late-ack-1")));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> deliveries.claim("irc-api", id, "irc-api:late-ack-1", "it", Duration.ofMinutes(1))
                            instanceof PushDeliveries.Claim.Delivered);
            assertThat(records("hub.inbound.raw", "irc-api:late-ack-1")).hasSize(1);
        } finally {
            acceptance.close();
        }
    }

    @Test
    void holdsAClaimUntilItsLeaseEndsAndCountsItAsDeliveredOnlyAfterTheAcknowledgement() {
        String id = "msg_" + UUID.randomUUID();
        var first = deliveries.claim("irc-api", id, "irc-api:claims-1", "hub-1/1", Duration.ofMinutes(1));

        assertThat(first).isInstanceOf(PushDeliveries.Claim.Claimed.class);
        assertThat(deliveries.claim("irc-api", id, "irc-api:claims-1", "hub-2/2", Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(
                        PushDeliveries.Claim.InFlight.class,
                        inFlight -> assertThat(inFlight.leaseLeft()).isPositive());
        // Another attempt's release does not free this attempt's claim.
        deliveries.release("irc-api", id, UUID.randomUUID());
        assertThat(deliveries.claim("irc-api", id, "irc-api:claims-1", "hub-2/2", Duration.ofMinutes(1)))
                .isInstanceOf(PushDeliveries.Claim.InFlight.class);

        deliveries.delivered("irc-api", id, 0, 42);

        assertThat(deliveries.claim("irc-api", id, "irc-api:claims-1", "hub-2/2", Duration.ofMinutes(1)))
                .isEqualTo(new PushDeliveries.Claim.Delivered("irc-api:claims-1"));
        // A delivered id is never released, whatever a late failure report says.
        deliveries.release("irc-api", id, ((PushDeliveries.Claim.Claimed) first).claimId());
        assertThat(rows(id)).isEqualTo(1);
    }

    private static void assertUnavailable(CompletableFuture<ResponseEntity<PushController.Accepted>> answer) {
        Throwable failure = catchThrowable(() -> answer.get(10, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class);
        Throwable cause = failure.getCause();
        assertThat(cause).isInstanceOf(ErrorResponseException.class);
        ErrorResponseException problem = (ErrorResponseException) cause;
        assertThat(problem.getStatusCode().value()).isEqualTo(503);
        assertThat(problem.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
    }

    private int rows(String webhookId) {
        return jdbc.queryForObject("SELECT count(*) FROM push_delivery WHERE webhook_id = ?", Integer.class, webhookId);
    }

    private static PushProperties properties(Duration acceptTimeout, int maxInFlight) {
        return new PushProperties(
                Map.of(),
                262144,
                8388608,
                500,
                4,
                Duration.ofSeconds(1),
                acceptTimeout,
                Duration.ofSeconds(3),
                Duration.ofSeconds(15),
                maxInFlight,
                Duration.ofDays(7));
    }

    private KafkaPublisher.BoundedProducer unreachableKafka() {
        return new KafkaPublisher.BoundedProducer(
                "127.0.0.1:" + freePort(),
                endpoints.producerSettings(),
                "it-unreachable",
                Duration.ofSeconds(3),
                Duration.ofSeconds(15));
    }

    private KafkaPublisher.BoundedProducer hubKafka() {
        return new KafkaPublisher.BoundedProducer(
                kafka.servers(),
                endpoints.producerSettings(),
                "it-push",
                Duration.ofSeconds(3),
                Duration.ofSeconds(15));
    }

    private static RawDelivery notice(String externalId) {
        String body = "{\"externalId\":\"" + externalId + "\",\"translations\":{\"en\":{\"title\":\"Test\"}}}";
        return new RawDelivery(
                new NoticeId("irc-api", externalId),
                "push.irc-api",
                RawHeaders.PUSH_NOTICE,
                body.getBytes(StandardCharsets.UTF_8),
                null,
                null,
                "en",
                "notice");
    }

    /** A port nothing listens on. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
