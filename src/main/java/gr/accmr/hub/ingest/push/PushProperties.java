package gr.accmr.hub.ingest.push;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Partners allowed to push notices ({@code hub.push.*}). */
@Validated
@ConfigurationProperties("hub.push")
public record PushProperties(
        /** Partner id → its settings; from the environment {@code HUB_PUSH_PARTNERS_<ID>_SECRETS=whsec_a,whsec_b}. */
        @DefaultValue Map<String, @Valid Partner> partners,
        /** Largest request body accepted, in bytes; default 262144 (256 KiB). */
        @DefaultValue("262144") @Min(1024) int maxBodyBytes,
        /** Largest batch request body accepted, in bytes; default 8388608 (8 MiB). */
        @DefaultValue("8388608") @Min(1024) int maxBatchBodyBytes,
        /** Most notices in one batch request; default 500. */
        @DefaultValue("500") @Min(1) int maxBatchNotices,
        /**
         * Batch bodies one hub instance reads at once before their signature is checked (a batch
         * holds its place from the first byte of its body until its signature and rate limit are
         * checked); default 4. A batch that finds them taken waits up to {@code
         * unverifiedBatchWait} for a place, then is answered 503 before its body is read.
         */
        @DefaultValue("4") @Min(1) int maxUnverifiedBatches,
        /** Longest a batch waits for a place to be read; default 1s. */
        @DefaultValue("1s") Duration unverifiedBatchWait,
        /**
         * Longest a push waits for PostgreSQL and Kafka before it is answered 503 with Retry-After;
         * default 8s, so partners hear within 10 s.
         */
        @DefaultValue("8s") Duration acceptTimeout,
        /** Longest the push producer waits for Kafka's metadata or buffer space in a send; default 3s. */
        @DefaultValue("3s") Duration kafkaMaxBlock,
        /**
         * Longest the push producer tries to deliver a record before reporting it failed; default
         * 15s. A webhook-id's claim lasts max block + this + 10 s, after which a retry may claim it.
         */
        @DefaultValue("15s") Duration kafkaDeliveryTimeout,
        /**
         * Pushes handled at once by one hub instance (each holds a worker until Kafka answered);
         * more are answered 503 at once; default 32.
         */
        @DefaultValue("32") @Min(1) int maxInFlight,
        /**
         * How long a delivered webhook-id is remembered, so that a retry is answered as a duplicate;
         * default 7d, longer than Standard Webhooks senders keep retrying. Older ones are pruned
         * hourly. At least 10 minutes, twice the signature's timestamp tolerance: within that, a
         * captured request could be replayed and must still be recognized.
         */
        @DefaultValue("7d") Duration deliveredRetention) {

    public PushProperties {
        if (deliveredRetention.compareTo(Duration.ofMinutes(10)) < 0) {
            throw new IllegalArgumentException(
                    "hub.push.delivered-retention (" + deliveredRetention + ") must be at least 10 minutes");
        }
    }

    public record Partner(
            /** Standard Webhooks secrets ({@code whsec_...}); several during a key rotation. */
            @DefaultValue List<String> secrets,
            /** Language of a notice that does not name its original language; default {@code en}. */
            @DefaultValue("en") String defaultLanguage,
            /** Kind of a notice that does not name one; default {@code notice}. */
            @DefaultValue("notice") String defaultKind,
            /** Requests accepted per minute before 429; default 120. */
            @DefaultValue("120") @Min(1) int requestsPerMinute,
            /**
             * {@code auto} (published at once) or {@code review} (held until an editor approves);
             * empty (default) for {@code hub.review.default-publishing}.
             */
            @DefaultValue("") String publishing,
            /**
             * {@code review} or {@code auto-unless-title}: how changes to an approved notice are
             * handled; empty (default) for {@code hub.review.default-updates}.
             */
            @DefaultValue("") String updates) {}
}
