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

    /** One item of a JSON Feed 1.1, as a feed document holding only that item. */
    public static final String JSON_FEED_ENTRY = "application/vnd.accmr.json-feed-entry+json";

    /** A Zendesk Help Center article with all its translations (see docs/topics.md). */
    public static final String ZENDESK_ARTICLE = "application/vnd.accmr.zendesk-article+json";

    /** A Directus service item with its translations, as Directus returned it. */
    public static final String DIRECTUS_ITEM = "application/vnd.accmr.directus-item+json";

    /** An e-mail message exactly as fetched from the mailbox. */
    public static final String EMAIL = "message/rfc822";

    /** A notice a partner pushed to the signed push API, as the partner sent it. */
    public static final String PUSH_NOTICE = "application/vnd.accmr.push-notice+json";

    /** A partner withdrew a notice; the body names it ({@code {"externalId": "..."}}). */
    public static final String RETRACTION = "application/vnd.accmr.retraction+json";

    private RawHeaders() {}
}
