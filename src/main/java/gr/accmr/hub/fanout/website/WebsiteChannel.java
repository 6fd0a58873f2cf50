package gr.accmr.hub.fanout.website;

import gr.accmr.hub.notice.Notice;

/**
 * How notices reach the municipal website. The embedded default renders a static site; a CMS push
 * adapter is another implementation of this interface.
 */
interface WebsiteChannel {

    /** Shows, updates or removes the notice's pages; idempotent on (id, version). */
    void publish(Notice notice);
}
