package gr.accmr.hub.notice;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A notice in one language. {@code bodyHtml} is always sanitized; {@code dir} follows the
 * language (see {@link Languages#direction(String)}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Translation(
        String title,
        String summary,
        String bodyHtml,
        String bodyText,
        String dir,
        @Nullable String url) {}
