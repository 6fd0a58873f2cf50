package gr.accmr.hub.normalize.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.Translation;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The hash that decides whether a notice really changed. It covers what readers see and nothing
 * that moves on its own: not the version, not when or from which offset the hub received it, and
 * not the partner's publication and update stamps (feeds without a publication date fall back to
 * the update stamp, which partners touch without changing a word), nor the time stamps of single
 * translations. Validity dates are content:
 * they decide whether channels show the notice.
 */
public final class ContentHash {

    private ContentHash() {}

    public static String of(Notice notice) {
        Content content = new Content(
                notice.kind(),
                notice.status(),
                notice.urgency(),
                notice.validFrom(),
                notice.expiresAt(),
                notice.originalLanguage(),
                texts(notice.translations()),
                notice.categories(),
                notice.location(),
                notice.links(),
                notice.attachments());
        try {
            byte[] canonical = NoticeJson.mapper().writeValueAsBytes(content);
            return "sha256:"
                    + java.util.HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash notice " + notice.id(), e);
        }
    }

    /** The translations without their time stamps; whether one is outdated is content. */
    private static Map<String, Translation> texts(Map<String, Translation> translations) {
        Map<String, Translation> texts = new TreeMap<>();
        translations.forEach((language, translation) -> texts.put(language, translation.withUpdatedAt(null)));
        return texts;
    }

    private record Content(
            Notice.Kind kind,
            Notice.Status status,
            Notice.Urgency urgency,
            @Nullable Instant validFrom,
            @Nullable Instant expiresAt,
            String originalLanguage,
            Map<String, ?> translations,
            List<String> categories,
            Notice.@Nullable Location location,
            List<Notice.Link> links,
            List<Notice.Attachment> attachments) {}
}
