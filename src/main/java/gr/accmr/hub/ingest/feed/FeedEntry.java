package gr.accmr.hub.ingest.feed;

/**
 * One entry of a feed as a stand-alone feed document (the feed's header with only this entry), the
 * external id derived from it, and a hash of the entry's own markup to tell a changed entry from a
 * repeated one.
 */
public record FeedEntry(String externalId, byte[] document, String entryHash) {}
