package gr.accmr.hub.fanout.mobile;

import gr.accmr.hub.notice.Languages;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The mobile feeds ({@code hub.mobile.*}) at {@code /feeds/{lang}.json} and {@code /feeds/{lang}.atom}. */
@Validated
@ConfigurationProperties("hub.mobile")
record MobileProperties(
        /**
         * Languages served, as normalized tags; any other answers 404; default the hub's languages
         * {@code en, el, ar, fa, ur, fr, uk}. With the {@code original} fallback, a language added
         * later shows the notices delivered before too, from the next start.
         */
        @DefaultValue({"en", "el", "ar", "fa", "ur", "fr", "uk"}) @NotEmpty
        List<String> languages,
        /**
         * What a feed shows for a notice with no translation in its language: {@code omit} (default)
         * leaves it out; {@code original} shows it in its original language, marked with that
         * language and {@code _accmr.fallback: true} (Atom: the entry's {@code xml:lang}).
         */
        @DefaultValue("omit") @NotNull Fallback fallback,
        /** Items on a page when the request gives no {@code limit}; default 50. */
        @DefaultValue("50") @Min(1) int pageSize,
        /** Largest {@code limit} a request may ask for; default 200. */
        @DefaultValue("200") @Min(1) @Max(1000) int maxPageSize,
        /** {@code Cache-Control: public, max-age} of the feeds; default 60s. */
        @DefaultValue("60s") @NotNull Duration maxAge) {

    MobileProperties {
        // Compared with normalized tags: "EN" or "uk-UA" in the configuration mean en and uk.
        languages = languages.stream().map(Languages::normalize).distinct().toList();
    }

    enum Fallback {
        OMIT,
        ORIGINAL
    }
}
