package gr.accmr.hub.normalize;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Settings of normalization ({@code hub.normalize.*}). */
@Validated
@ConfigurationProperties("hub.normalize")
record NormalizeProperties(
        /**
         * Most translations one notice may have; default 10. A record that would give a notice more
         * is a permanent failure: it goes to the dead letters with the reason, and the notice keeps
         * its last version. Every channel renders every translation, so this bounds their work.
         */
        @DefaultValue("10") @Min(1) int maxTranslations) {}
