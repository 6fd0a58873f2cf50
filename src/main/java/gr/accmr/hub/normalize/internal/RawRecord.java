package gr.accmr.hub.normalize.internal;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeId;
import java.time.Instant;
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

    /** Where a notice made of this record came from: its route, URL and place on the raw topic. */
    public Notice.Source source() {
        return new Notice.Source(route, sourceUrl, receivedAt, topic, partition, offset);
    }
}
