package gr.accmr.hub.notice;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A notice in one language. {@code bodyHtml} is always sanitized; {@code dir} follows the
 * language (see {@link Languages#direction(String)}); {@code languageSource} says whether the
 * language was declared by the source, detected from the text, or the partner's default.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Translation(
        String title,
        String summary,
        String bodyHtml,
        String bodyText,
        String dir,
        @Nullable String url,
        @Nullable String languageSource) {

    /** Where the language came from: the source said so, the hub recognized it, or the partner's default. */
    public static final String DECLARED = "declared";

    public static final String DETECTED = "detected";
    public static final String DEFAULT = "default";

    /** A translation whose language the source declared (or whose origin is not recorded). */
    public Translation(
            String title, String summary, String bodyHtml, String bodyText, String dir, @Nullable String url) {
        this(title, summary, bodyHtml, bodyText, dir, url, null);
    }
}
