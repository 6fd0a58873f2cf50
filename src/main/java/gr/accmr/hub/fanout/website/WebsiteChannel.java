package gr.accmr.hub.fanout.website;

import gr.accmr.hub.notice.Notice;
import java.util.List;

/**
 * How notices reach the municipal website. The embedded default renders a static site; a CMS push
 * adapter is another implementation of this interface.
 */
interface WebsiteChannel {

    /** Shows, updates or removes the notice's pages; idempotent on (id, version). */
    void publish(Notice notice);

    /** A batch, in order; returns once all of it is shown. */
    default void publishAll(List<Notice> notices) {
        notices.forEach(this::publish);
    }
}
