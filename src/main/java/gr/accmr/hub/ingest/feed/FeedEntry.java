package gr.accmr.hub.ingest.feed;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a feed as a stand-alone feed document of the given raw content type (the feed's title, link and language with only this entry: never the rest of its header, which would be copied into every entry), the
 * external id derived from it, the language the entry or its feed declares ({@code xml:lang},
 * {@code <language>}, {@code dc:language}), its publication (else update) date, and a hash of the entry's own markup to tell a changed
 * entry from a repeated one.
 */
public record FeedEntry(
        String externalId,
        String contentType,
        byte[] document,
        @Nullable String language,
        @Nullable Instant date,
        String entryHash) {}
