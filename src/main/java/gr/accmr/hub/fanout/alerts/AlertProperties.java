package gr.accmr.hub.fanout.alerts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Delivery of urgent notices to subscribers ({@code hub.alerts.*}). */
@Validated
@ConfigurationProperties("hub.alerts")
public record AlertProperties(
        /** How often due deliveries are looked for; default 1s. */
        @DefaultValue("1s") Duration dispatchInterval,
        /** Wait before the first retry of a failed delivery, doubled with jitter after each; default 10s. */
        @DefaultValue("10s") Duration retryDelay,
        /** Longest wait between two attempts of one delivery; default 1h. */
        @DefaultValue("1h") Duration maxRetryDelay,
        /** Failed attempts in a row after which a subscription is disabled and reported; default 10. */
        @DefaultValue("10") @Min(1) int maxFailures,
        /** Longest a subscriber may take to answer one delivery, from connecting to the last byte read; default 10s. */
        @DefaultValue("10s") Duration timeout,
        /**
         * Tests only: lets webhook subscribers and push endpoints be on this machine's loopback, where
         * test servers run; default false, and never set elsewhere (a warning is logged at start).
         * Subscribers are otherwise refused on any address IANA does not call globally reachable,
         * private networks included.
         */
        @DefaultValue("false") boolean allowLoopbackForTests,
        /** Web Push to browsers and PWAs. */
        @DefaultValue @Valid WebPush webPush) {

    /** Web Push ({@code hub.alerts.web-push.*}). */
    public record WebPush(
            /** Contact the push services may reach the hub's operators at (VAPID {@code sub}); default mailto:accmr@athens.gr. */
            @DefaultValue("mailto:accmr@athens.gr") @NotBlank
            String subject,
            /**
             * The VAPID key pair as base64url uncompressed P-256 bytes (public 65 bytes, private 32);
             * both empty (default): a pair made once and kept in the database, shared by all instances.
             */
            @DefaultValue("") String publicKey,
            @DefaultValue("") String privateKey,
            /**
             * Push services a browser's endpoint may name, as host names or domain suffixes; anything
             * else is refused so a subscription cannot aim the hub at other hosts. Default: the push
             * services of Chrome, Firefox, Edge and Safari.
             */
            @DefaultValue({
                "fcm.googleapis.com",
                "updates.push.services.mozilla.com",
                "notify.windows.com",
                "push.apple.com"
            })
            List<String> endpointHosts,
            /** Endpoints must be https; default true. */
            @DefaultValue("true") boolean requireHttps,
            /** Most browser subscriptions kept; a new one beyond is refused; default 100000. */
            @DefaultValue("100000") @Min(0) int maxSubscriptions,
            /** How long a push service keeps an alert for a browser that is offline (TTL); default 24h. */
            @DefaultValue("24h") Duration timeToLive) {}
}
