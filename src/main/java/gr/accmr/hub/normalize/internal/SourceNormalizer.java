package gr.accmr.hub.normalize.internal;

/** Turns the raw records of one content type into an {@link Outcome}. Plain code: no Camel, no Kafka. */
interface SourceNormalizer {

    /** The {@code hub.content-type} this normalizer reads, one of {@link gr.accmr.hub.notice.RawHeaders}. */
    String contentType();

    /** Throws {@link IllegalArgumentException} with the reason for a record it cannot read. */
    Outcome normalize(RawRecord raw);
}
