package gr.accmr.hub.normalize.internal;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.Translation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A record of {@code hub.inbound.raw} with its headers decoded. */
public record RawRecord(
        NoticeId id,
        String route,
        String contentType,
        Instant receivedAt,
        @Nullable String sourceUrl,
        @Nullable String declaredLanguage,
        String defaultLanguage,
        String defaultKind,
        byte[] bytes,
        String topic,
        int partition,
        long offset) {

    /**
     * A published notice of normal urgency made of this record: version 0 and no content hash
     * until {@link NoticeVersions} assigns them. Either date stands in for the other when one is
     * missing; both may be missing, never replaced by "now".
     */
    public Notice draft(
            Notice.Kind kind,
            @Nullable Instant published,
            @Nullable Instant updated,
            String originalLanguage,
            Map<String, Translation> translations,
            List<String> categories,
            Notice.@Nullable Location location,
            List<Notice.Link> links,
            List<Notice.Attachment> attachments) {
        return new Notice(
                id.toString(),
                id.partner(),
                id.externalId(),
                kind,
                Notice.Status.PUBLISHED,
                Notice.Urgency.NORMAL,
                0,
                "",
                published != null ? published : updated,
                updated != null ? updated : published,
                null,
                null,
                originalLanguage,
                translations,
                categories,
                location,
                links,
                attachments,
                source());
    }

    /** Where a notice made of this record came from: its route, URL and place on the raw topic. */
    public Notice.Source source() {
        return new Notice.Source(route, sourceUrl, receivedAt, topic, partition, offset);
    }
}
