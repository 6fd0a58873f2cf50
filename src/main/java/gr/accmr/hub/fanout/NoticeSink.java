package gr.accmr.hub.fanout;

import gr.accmr.hub.notice.Notice;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A channel notices are delivered to. Implementations must be idempotent on (notice id, version)
 * and ignore a version older than the one they hold: Kafka redelivers after a crash.
 */
public interface NoticeSink {

    /** Short channel name; the route is {@code fanout.<name>}, the group {@code hub.fanout.<name>}. */
    String name();

    void accept(Notice notice);

    /**
     * Takes a batch, in order; returns once all of it is durable. Sinks on a database override
     * this with one transaction per batch, so a batch costs one commit instead of one per notice.
     */
    default void acceptAll(List<Notice> notices) {
        notices.forEach(this::accept);
    }

    /** Where the channel shows the notice (a page, a post, a feed), for the delivery ledger; null if nowhere. */
    default @Nullable String reference(Notice notice) {
        return null;
    }
}
