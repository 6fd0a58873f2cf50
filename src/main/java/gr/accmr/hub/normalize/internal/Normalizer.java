package gr.accmr.hub.normalize.internal;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.RawHeaders;

/** Chooses the parser for a raw record by its content type; an unknown type is an error, not a guess. */
public final class Normalizer {

    private final FeedEntryNormalizer feedEntries = new FeedEntryNormalizer();

    /** A notice draft: version 0 and no content hash until {@link NoticeVersions} assigns them. */
    public Notice normalize(RawRecord raw) {
        return switch (raw.contentType()) {
            case RawHeaders.FEED_ENTRY -> feedEntries.normalize(raw);
            default -> throw new IllegalArgumentException("no normalizer for content type '" + raw.contentType() + "'");
        };
    }
}
