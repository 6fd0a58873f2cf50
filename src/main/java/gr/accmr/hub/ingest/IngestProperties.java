package gr.accmr.hub.ingest;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Limits of what the hub fetches from partners ({@code hub.ingest.*}). */
@Validated
@ConfigurationProperties("hub.ingest")
record IngestProperties(
        /**
         * Longest a request to a partner may take from connecting to the last byte of its body, on
         * top of the per-read timeout; default 2m. A server that trickles a byte at a time is cut
         * off here instead of holding its poll for hours.
         */
        @DefaultValue("2m") Duration requestDeadline,
        /** Largest response body read from a partner, in bytes; default 10485760 (10 MiB). */
        @DefaultValue("10485760") @Min(1024) long maxResponseBytes,
        /**
         * For tests only, where partner servers run on this machine: lets a partner with {@code
         * allowPrivateNetwork} reach loopback addresses; default false. Link-local, unspecified and
         * cloud metadata addresses stay refused even then.
         */
        @DefaultValue("false") boolean allowLoopbackForTests) {}
