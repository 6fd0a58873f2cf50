package gr.accmr.hub.fanout.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gr.accmr.hub.notice.NoticeJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a browser is shown for an urgent notice. A push service takes at most 4,096 bytes of
 * encrypted message (RFC 8030 §7.2), so the message carries one language's title and summary
 * (cut, never split inside a character) and the notice id for the app to fetch the rest.
 */
final class WebPushMessages {

    /** Room left for the message after the aes128gcm header, padding delimiter and tag. */
    static final int MAX_BYTES = 3_000;

    private WebPushMessages() {}

    static byte[] of(String payload, @Nullable List<String> languages) {
        JsonNode notice;
        try {
            notice = NoticeJson.mapper().readTree(payload).path("notice");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode translations = notice.path("translations");
        String lang = notice.path("originalLanguage").asText();
        if (languages != null) {
            lang = languages.stream().filter(translations::has).findFirst().orElse(lang);
        }
        JsonNode translation = translations.path(lang);
        ObjectNode message = NoticeJson.mapper().createObjectNode();
        message.put("type", "gr.accmr.hub.notice.urgent");
        message.put("id", notice.path("id").asText());
        message.put("partner", notice.path("partner").asText());
        message.put("lang", lang);
        message.put("dir", translation.path("dir").asText("ltr"));
        message.put("title", cut(translation.path("title").asText(), 200));
        String url = translation.path("url").asText("");
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        if (scheme.equals("https") || scheme.equals("http")) {
            message.put("url", url);
        }
        String summary = translation.path("summary").asText();
        message.put("summary", summary);
        byte[] bytes = write(message);
        // Shortened by the bytes over, then again if escaping made it still too long.
        while (bytes.length > MAX_BYTES && !summary.isEmpty()) {
            int over = bytes.length - MAX_BYTES + 1;
            int keep = Math.max(0, summary.codePointCount(0, summary.length()) - over);
            summary = summary.substring(0, summary.offsetByCodePoints(0, keep));
            message.put("summary", summary + "…");
            bytes = write(message);
        }
        return bytes;
    }

    private static String cut(String text, int codePoints) {
        return text.codePointCount(0, text.length()) <= codePoints
                ? text
                : text.substring(0, text.offsetByCodePoints(0, codePoints - 1)) + "…";
    }

    private static byte[] write(JsonNode message) {
        try {
            return NoticeJson.mapper().writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
