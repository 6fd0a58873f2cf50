package gr.accmr.hub.fanout.website;

import gr.accmr.hub.notice.Notice;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How notices reach the municipal website, chosen by {@code hub.website.adapter}: the embedded
 * default renders a static site ({@code static}), the other pushes posts to WordPress ({@code
 * wordpress}).
 */
interface WebsiteChannel {

    /** Shows, updates or removes the notice's pages; idempotent on (id, version). */
    void publish(Notice notice);

    /** A batch, in order; returns once all of it is delivered. */
    default void publishAll(List<Notice> notices) {
        notices.forEach(this::publish);
    }

    /** See {@link gr.accmr.hub.fanout.NoticeSink#joinsTransaction()}. */
    default boolean joinsTransaction() {
        return false;
    }

    /** Where the notice is shown, for the delivery ledger; null if nowhere. */
    @Nullable
    String reference(Notice notice);
}
