package gr.accmr.hub.ingest.feed;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a feed as a stand-alone feed document (the feed's header with only this entry), the
 * external id derived from it, the language the entry or its feed declares ({@code xml:lang},
 * {@code <language>}, {@code dc:language}), and a hash of the entry's own markup to tell a changed
 * entry from a repeated one.
 */
public record FeedEntry(
        String externalId, byte[] document, @Nullable String language, String entryHash) {}
