package gr.accmr.hub.review;

import gr.accmr.hub.platform.PartnerClassifications;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A partner's publishing policy as its files say now: the {@code publishing} and {@code updates}
 * parameters of its route files, else its push settings ({@code hub.push.partners.<id>.publishing},
 * {@code .updates}), else the hub's defaults. A corrected file applies from the next notice on.
 */
@Component
class PartnerPolicies {

    /** What the gate does with one partner's notices. */
    record Policy(ReviewProperties.Publishing publishing, ReviewProperties.Updates updates) {}

    private final PartnerClassifications routes;
    private final Binder settings;
    private final ReviewProperties properties;

    PartnerPolicies(PartnerClassifications routes, Environment environment, ReviewProperties properties) {
        this.routes = routes;
        this.settings = Binder.get(environment);
        this.properties = properties;
    }

    Policy of(String partner) {
        return new Policy(
                parse(ReviewProperties.Publishing.class, partner, PartnerClassifications.PUBLISHING)
                        .orDefault(properties.defaultPublishing()),
                parse(ReviewProperties.Updates.class, partner, PartnerClassifications.UPDATES)
                        .orDefault(properties.defaultUpdates()));
    }

    private <E extends Enum<E>> Setting<E> parse(Class<E> type, String partner, String name) {
        String text = routes.parameter(partner, name);
        if (text == null) {
            text = settings.bind("hub.push.partners." + partner + "." + name, String.class)
                    .orElse(null);
        }
        if (text == null || text.isBlank()) {
            return new Setting<>(null);
        }
        try {
            return new Setting<>(
                    Enum.valueOf(type, text.strip().replace('-', '_').toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            // A misspelt policy must not publish what was meant to be reviewed: the safer of the two.
            return new Setting<>(Enum.valueOf(type, "REVIEW"));
        }
    }

    private record Setting<E>(@Nullable E value) {
        E orDefault(E fallback) {
            return value == null ? fallback : value;
        }
    }
}
