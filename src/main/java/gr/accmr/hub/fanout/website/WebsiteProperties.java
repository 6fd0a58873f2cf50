package gr.accmr.hub.fanout.website;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The municipal website channel ({@code hub.website.*}). */
@Validated
@ConfigurationProperties("hub.website")
public record WebsiteProperties(
        /** Where notices are published: {@code static} (default, the site at /site/) or {@code wordpress}. */
        @DefaultValue("static") @NotNull Adapter adapter,
        /** How often notices whose {@code expiresAt} has passed are taken down; default PT1M. */
        @DefaultValue("PT1M") Duration expirySweep,
        @DefaultValue @Valid WordPress wordpress) {

    public enum Adapter {
        STATIC,
        WORDPRESS
    }

    /** What happens to a post whose notice is retracted or expired. */
    public enum Removal {
        /** The post becomes a draft: gone from the site, kept for editors. */
        DRAFT,
        /** The post goes to WordPress's trash (emptied by WordPress after 30 days). */
        TRASH
    }

    public record WordPress(
            /**
             * Address of the WordPress site ({@code HUB_WEBSITE_WORDPRESS_URL}), for instance {@code
             * https://www.example.gr}; the REST API is reached as {@code ?rest_route=/wp/v2/...}, which
             * works with and without pretty permalinks, or under {@code /wp-json/} when the address
             * ends with {@code /wp-json}. Default empty; required with {@code adapter=wordpress}.
             */
            @DefaultValue("") String url,
            /** WordPress user the hub publishes as, an Editor (or above); default empty. */
            @DefaultValue("") String username,
            /**
             * That user's application password ({@code HUB_WEBSITE_WORDPRESS_APPLICATION_PASSWORD}),
             * made under Users → Profile → Application Passwords; default empty.
             */
            @DefaultValue("") String applicationPassword,
            /** What a retracted or expired notice's posts become: {@code draft} (default) or {@code trash}. */
            @DefaultValue("draft") @NotNull Removal removal,
            /**
             * Whether the site runs Polylang Pro, whose REST fields {@code lang} and {@code
             * translations} the hub then sets, so the language versions are linked as translations;
             * default false (the posts link to each other in their content either way).
             */
            @DefaultValue("false") boolean polylang,
            /** Longest wait for a connection to WordPress and for each of its answers; default 10s. */
            @DefaultValue("10s") Duration timeout,
            /** Notices of a batch sent to WordPress at the same time; default 2. */
            @DefaultValue("2") @Min(1) @Max(16) int parallelism,
            /** Longest {@code Retry-After} of WordPress (429, 503) the hub obeys; default 10m. */
            @DefaultValue("10m") Duration maxRetryAfter,
            /**
             * Longest the channel works on one batch before it hands the rest back to be delivered
             * again (notices already delivered are then skipped), so a large first delivery to a slow
             * site stays within Kafka's {@code max.poll.interval.ms} of 5 minutes; default 2m.
             */
            @DefaultValue("2m") Duration batchTimeLimit) {}
}
