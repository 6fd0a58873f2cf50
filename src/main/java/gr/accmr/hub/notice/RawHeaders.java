package gr.accmr.hub.notice;

/**
 * Header names of {@code hub.inbound.raw} records, the contract between ingest and normalize.
 * Values are UTF-8 strings.
 */
public final class RawHeaders {

    public static final String PARTNER = "hub.partner";
    /** The id of the route that received the record, for instance {@code partner.eurocities}. */
    public static final String SOURCE = "hub.source";

    public static final String CONTENT_TYPE = "hub.content-type";
    public static final String RECEIVED_AT = "hub.received-at";
    public static final String SOURCE_URL = "hub.source-url";
    /** The language the content itself declares, when it does (BCP 47 as found). */
    public static final String CONTENT_LANGUAGE = "hub.content-language";
    /** The partner's default language, used when the content does not declare one. */
    public static final String LANGUAGE = "hub.language";
    /** The partner's default kind of notice ({@code news}, {@code notice}, ...). */
    public static final String KIND = "hub.kind";

    /** A single-entry feed document cut from an RSS 1.0/2.0 or Atom feed. */
    public static final String FEED_ENTRY = "application/vnd.accmr.feed-entry+xml";

    private RawHeaders() {}
}
