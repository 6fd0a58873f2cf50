package gr.accmr.hub.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Settings shared by the whole hub ({@code hub.*}). */
@Validated
@ConfigurationProperties("hub")
public record HubProperties(
        /** Folder of the embedded servers' data and the static site; default {@code ./data}. */
        @DefaultValue("data") @NotNull Path dataDir,
        /** Folder of the partner definitions (Camel YAML files); default {@code ./routes}. */
        @DefaultValue("routes") @NotNull Path routesDir,
        /**
         * Address at which readers reach the hub, for absolute links it writes (sitemaps, feeds);
         * default {@code http://localhost:8080}. Never taken from a request's {@code Host} header.
         */
        @DefaultValue("http://localhost:8080") @NotBlank String publicUrl,
        @DefaultValue @Valid Kafka kafka,
        @DefaultValue @Valid Embedded embedded,
        @DefaultValue @Valid Consumer consumer,
        @DefaultValue @Valid Security security,
        @DefaultValue @Valid Cluster cluster,
        @DefaultValue @Valid Http http) {

    public record Http(
            /**
             * Largest request body any endpoint accepts, whether it declares a Content-Length or is
             * streamed in chunks; larger ones get 413 before anything reads them; default 1MB. The
             * push API's own {@code hub.push.max-body-bytes} (256 KiB) applies within it.
             */
            @DefaultValue("1MB") DataSize maxBody,
            /** Largest body of a webhook from a partner platform (Zendesk), under {@code /api/v1/webhooks/}; default 256KB. */
            @DefaultValue("256KB") DataSize webhookMaxBody) {}

    public record Kafka(
            /** Bootstrap servers of an external cluster; empty (default) starts the embedded broker. */
            @DefaultValue("") String bootstrapServers,
            /** Topic of raw partner records; default {@code hub.inbound.raw}. */
            @DefaultValue("hub.inbound.raw") @NotBlank String rawTopic,
            /** Compacted topic of canonical notices; default {@code hub.notices}. */
            @DefaultValue("hub.notices") @NotBlank String noticesTopic,
            /**
             * Compacted topic of the notices cleared for the city's channels (website, mobile feed,
             * alerts): a partner publishing {@code auto} at once, one under {@code review} once an
             * editor approved it, with the editor's text; default {@code hub.notices.approved}.
             */
            @DefaultValue("hub.notices.approved") @NotBlank String approvedTopic,
            /** Topic of dead letters; default {@code hub.dlq}. */
            @DefaultValue("hub.dlq") @NotBlank String deadLetterTopic,
            /** Partitions of each hub topic when the hub creates it; default 3. */
            @DefaultValue("3") @Min(1) int partitions,
            /** Replication factor of each hub topic when the hub creates it; default 1 (use 3 in production). */
            @DefaultValue("1") @Min(1) short replicationFactor,
            /**
             * {@code min.insync.replicas} of each hub topic the hub creates, so that {@code acks=all}
             * means this many copies; default 2, capped at the replication factor.
             */
            @DefaultValue("2") @Min(1) short minInSyncReplicas,
            /**
             * Largest record the hub writes and its topics accept, in bytes; default 8388608 (8 MiB),
             * room for a newsletter with attachments where Kafka's own default stops at 1 MB.
             */
            @DefaultValue("8388608") @Min(1048576) int maxRecordBytes,
            /** How long raw records are kept so normalization can be replayed; default 30 days. */
            @DefaultValue("30d") Duration rawRetention,
            /** How long dead letters are kept; default 90 days. */
            @DefaultValue("90d") Duration deadLetterRetention) {

        /** The hub's topics in the order records flow through them: raw, notices, approved, dead letters. */
        public List<String> topics() {
            return List.of(rawTopic, noticesTopic, approvedTopic, deadLetterTopic);
        }
    }

    public record Embedded(
            /** Port of the embedded Kafka broker, 0 for a free one; default 19092. */
            @DefaultValue("19092") @Min(0) int kafkaPort,
            /** Port of the embedded broker's KRaft controller, 0 for a free one; default 19093. */
            @DefaultValue("19093") @Min(0) int kafkaControllerPort,
            /** Port of the embedded PostgreSQL, 0 for a free one; default 15432. */
            @DefaultValue("15432") @Min(0) int postgresPort) {}

    public record Consumer(
            /**
             * Wait before the first retry when something outside is down (Kafka, PostgreSQL, a CMS,
             * the disk), doubled with jitter on each further one; default 1s. A stage retries for as
             * long as the outage lasts and never dead-letters because of it.
             */
            @DefaultValue("1s") Duration retryDelay,
            /** Longest wait between two retries of a stage during an outage; default 30s. */
            @DefaultValue("30s") Duration maxRetryDelay,
            /** How long a consumer waits in one poll; default 1s (short, so shutdown is quick). */
            @DefaultValue("1s") Duration pollTimeout,
            /** Records one poll may return, and so the largest batch a stage handles at once; default 500. */
            @DefaultValue("500") @Min(1) int maxPollRecords) {}

    public record Cluster(
            /**
             * Name of this instance in leadership reports (partner health, {@code /actuator/health});
             * default empty: the host name and process id, for instance {@code hub-2:4711}.
             */
            @DefaultValue("") String instanceId,
            /**
             * How long a role's lock outlives its holder's last heartbeat: after a crash another
             * instance takes over within this plus one heartbeat; default 15s. Keep instance clocks
             * within a second or two of each other (NTP): the lock's expiry is written in the holder's time.
             */
            @DefaultValue("15s") Duration lockTtl,
            /**
             * How often the holder renews its locks and the others try to take them; default 3s, so a
             * holder has to miss five heartbeats in a row (a 15 s pause) before it loses a role.
             */
            @DefaultValue("3s") Duration heartbeat) {

        public Cluster {
            if (heartbeat.isZero() || heartbeat.isNegative() || lockTtl.compareTo(heartbeat.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("hub.cluster.lock-ttl (" + lockTtl
                        + ") must be at least twice hub.cluster.heartbeat (" + heartbeat + ")");
            }
        }
    }

    public record Security(
            /**
             * Password of the bootstrap {@code admin} user ({@code HUB_ADMIN_PASSWORD}); when empty on
             * first start a random one is generated, logged once and kept (hashed) in the database.
             */
            @DefaultValue("") String adminPassword,
            /**
             * Further users: name, password in Spring Security's encoded form ({@code {bcrypt}...};
             * clear text and {@code {noop}...} are refused at startup) and roles.
             */
            @DefaultValue List<@Valid User> users,
            /**
             * Whether the OpenAPI description ({@code /v3/api-docs}) and Swagger UI are public;
             * default false: only signed-in users see them. The push JSON Schema is public anyway.
             */
            @DefaultValue("false") boolean publicApiDocs,
            /**
             * Failed sign-ins allowed per user name within the window before 429, counted by all
             * instances together in PostgreSQL (each on its own while it is away); default 5.
             */
            @DefaultValue("5") @Min(1) int signInFailuresPerUser,
            /** Failed sign-ins allowed per client address within the window before 429, counted likewise; default 20. */
            @DefaultValue("20") @Min(1) int signInFailuresPerAddress,
            /** Window over which failed sign-ins are counted (allowance refills gradually over it); default 15m. */
            @DefaultValue("15m") Duration signInWindow,
            /** How long a console session lasts without a request before the operator signs in again; default 30m. */
            @DefaultValue("30m") Duration consoleSessionTimeout) {}

    public record User(
            /** Login name. */
            @NotBlank String name,
            /** Password in Spring Security's encoded form, for instance {@code {bcrypt}$2a$...}; never {@code {noop}}. */
            @NotBlank String password,
            /** Roles: {@code VIEWER} (reads), {@code EDITOR} (reviews notices), {@code OPERATOR} (acts), {@code ADMIN}; default {@code OPERATOR}. */
            @DefaultValue("OPERATOR") List<String> roles) {}
}
