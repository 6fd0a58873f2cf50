package gr.accmr.hub.normalize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.notice.Translation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneId;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Field rules every source normalizer applies the same way. */
final class Fields {

    private Fields() {}

    /** The zone of a partner date that names none: the hub's partners are in and around Athens. */
    static final ZoneId PARTNER_ZONE = ZoneId.of("Europe/Athens");

    /** A language and where it came from ({@link gr.accmr.hub.notice.Translation#DECLARED} ...). */
    record LanguageChoice(String tag, String source) {}

    /**
     * What the content declares or its container says, else what the detector recognizes in the
     * text among the hub's languages, else the partner's default.
     */
    static LanguageChoice language(
            @Nullable String declared, @Nullable String container, String text, String partnerDefault) {
        for (String candidate : new String[] {declared, container}) {
            if (candidate != null && !candidate.isBlank()) {
                try {
                    return new LanguageChoice(Languages.normalize(candidate), gr.accmr.hub.notice.Translation.DECLARED);
                } catch (IllegalArgumentException ignored) {
                    // A malformed declaration is no declaration: try the next one.
                }
            }
        }
        return LanguageDetector.shared()
                .detect(text)
                .map(tag -> new LanguageChoice(tag, gr.accmr.hub.notice.Translation.DETECTED))
                .orElseGet(() -> new LanguageChoice(
                        Languages.normalize(partnerDefault), gr.accmr.hub.notice.Translation.DEFAULT));
    }

    /** A JSON field's scalar value, stripped; absent, null, a container or blank: none. */
    static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    /**
     * A translation in the chosen language, its direction from the language; without a title, the
     * summary of the first line of its text stands in.
     */
    static Translation translation(
            String title,
            String summary,
            String bodyHtml,
            String bodyText,
            LanguageChoice choice,
            @Nullable String url) {
        String language = choice.tag();
        return new Translation(
                title.isEmpty() ? PlainText.headline(bodyText, language) : title,
                summary,
                bodyHtml,
                bodyText,
                Languages.direction(language),
                url,
                choice.source());
    }

    /**
     * Only an absolute http(s) URL is a link; sources put guids, paths and junk where links belong.
     * Its tracking parameters are dropped (see {@link TrackingParameters}).
     */
    static @Nullable String httpUrl(@Nullable String value) {
        return httpUrl(value, null);
    }

    /** The same, with a relative reference resolved against the URL the item was read from. */
    static @Nullable String httpUrl(@Nullable String value, @Nullable String base) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String candidate = value.strip();
        if (base != null && (candidate.startsWith("/") || candidate.startsWith("./") || candidate.startsWith("../"))) {
            try {
                candidate = URI.create(base).resolve(candidate).toString();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        try {
            URI uri = new URI(candidate);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    ? TrackingParameters.strip(candidate)
                    : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
