package gr.accmr.hub.notice;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A notice in one language. {@code bodyHtml} is always sanitized; {@code dir} follows the
 * language (see {@link Languages#direction(String)}); {@code languageSource} says whether the
 * language was declared by the source, detected from the text, or the partner's default.
 *
 * <p>{@code updatedAt} is when this translation's text last changed, and {@code outdated} is
 * {@code true} when the text in the original language changed after it (or the source says so);
 * a translation that is current carries no {@code outdated} at all.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Translation(
        String title,
        String summary,
        String bodyHtml,
        String bodyText,
        String dir,
        @Nullable String url,
        @Nullable String languageSource,
        @Nullable Instant updatedAt,
        @Nullable Boolean outdated) {

    /** Where the language came from: the source said so, the hub recognized it, or the partner's default. */
    public static final String DECLARED = "declared";

    public static final String DETECTED = "detected";
    public static final String DEFAULT = "default";

    /** A translation whose language the source declared (or whose origin is not recorded). */
    public Translation(
            String title, String summary, String bodyHtml, String bodyText, String dir, @Nullable String url) {
        this(title, summary, bodyHtml, bodyText, dir, url, null);
    }

    /** A translation of a source that gives no time of its own and does not say whether it is outdated. */
    public Translation(
            String title,
            String summary,
            String bodyHtml,
            String bodyText,
            String dir,
            @Nullable String url,
            @Nullable String languageSource) {
        this(title, summary, bodyHtml, bodyText, dir, url, languageSource, null, null);
    }

    public Translation withUpdatedAt(@Nullable Instant updatedAt) {
        return new Translation(title, summary, bodyHtml, bodyText, dir, url, languageSource, updatedAt, outdated);
    }

    public Translation withOutdated(@Nullable Boolean outdated) {
        return new Translation(title, summary, bodyHtml, bodyText, dir, url, languageSource, updatedAt, outdated);
    }

    /** Whether a reader would see the same text: everything but the time stamp and the outdated mark. */
    public boolean sameText(Translation other) {
        return title.equals(other.title)
                && summary.equals(other.summary)
                && bodyHtml.equals(other.bodyHtml)
                && bodyText.equals(other.bodyText)
                && Objects.equals(url, other.url);
    }
}
