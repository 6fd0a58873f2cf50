package gr.accmr.hub.review;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code hub.review.*}: editorial review of partners' notices before the city's channels show them. */
@Validated
@ConfigurationProperties("hub.review")
public record ReviewProperties(
        /**
         * Policy of a partner whose route file or push settings name none: {@code review} (default;
         * held until an editor approves) or {@code auto} (published at once).
         */
        @DefaultValue("review") @NotNull Publishing defaultPublishing,
        /**
         * How a change to an approved notice is handled when the partner names nothing: {@code
         * review} (default; reviewed again) or {@code auto-unless-title} (applied at once unless a
         * title changed).
         */
        @DefaultValue("review") @NotNull Updates defaultUpdates,
        /** Editors' e-mail addresses: urgent notices awaiting review and the daily digest; none by default. */
        @DefaultValue List<String> editors,
        /** Sender of the editors' e-mails; default {@code partner-hub@localhost}. */
        @DefaultValue("partner-hub@localhost") String mailFrom,
        /** Language of the editors' e-mails, {@code el} (default) or {@code en}. */
        @DefaultValue("el") String mailLanguage,
        /** Time of day of the digest of what waits for review, in {@link #digestZone}; default 08:00. */
        @DefaultValue("08:00") LocalTime digestTime,
        /** Time zone of {@link #digestTime}; default Europe/Athens. */
        @DefaultValue("Europe/Athens") ZoneId digestZone,
        /** How often urgent notices awaiting review are looked for to e-mail; default 15s. */
        @DefaultValue("15s") Duration mailInterval,
        /** How often the digest's time is checked; default 60s. */
        @DefaultValue("60s") Duration digestCheck) {

    /** Whether a partner's notices reach the city's channels at once or after an editor's approval. */
    public enum Publishing {
        AUTO,
        REVIEW
    }

    /** Whether a change to an approved notice is reviewed again. */
    public enum Updates {
        REVIEW,
        AUTO_UNLESS_TITLE
    }
}
