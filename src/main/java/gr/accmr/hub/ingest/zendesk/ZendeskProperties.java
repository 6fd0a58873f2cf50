package gr.accmr.hub.ingest.zendesk;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Zendesk Help Center partners ({@code hub.zendesk.*}): what webhooks need to verify and answer a
 * partner's calls, and the credentials its poller uses when its route gives none. Secrets belong
 * here (environment variables, for instance {@code HUB_ZENDESK_PARTNERS_REFUGEE-INFO_TOKEN}), not in
 * the routes folder.
 */
@Validated
@ConfigurationProperties("hub.zendesk")
record ZendeskProperties(
        /** Zendesk partners by partner id (lower-case letters, digits, '-'); default none. */
        @DefaultValue Map<String, @Valid Partner> partners) {

    record Partner(
            /** The help centre, for instance {@code https://refugeeinfo.zendesk.com}; required. */
            @NotBlank @Pattern(regexp = "https?://.+") String baseUrl,
            /**
             * Signing secret of the partner's Zendesk webhook; empty (default) refuses every webhook call
             * for this partner.
             */
            @DefaultValue("") String webhookSecret,
            /** E-mail address of the Zendesk user the API token belongs to; default empty (then a token is sent as Bearer). */
            @DefaultValue("") String email,
            /** API token (with {@code email}) or OAuth access token (without); default empty: anonymous, published articles only. */
            @DefaultValue("") String token,
            /** Whether the help centre may be on a private network or loopback; default false. */
            @DefaultValue("false") boolean allowPrivateNetwork,
            /** Language of records from webhooks when an article names none; default {@code en}. */
            @DefaultValue("en") String language,
            /** Kind of notice articles from webhooks become; default {@code notice}. */
            @DefaultValue("notice") String kind) {}
}
