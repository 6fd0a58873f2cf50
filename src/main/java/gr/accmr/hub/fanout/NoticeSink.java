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

    /**
     * True (the default) for a channel that shows notices under the city's name: it reads {@code
     * hub.notices.approved}, what editorial review cleared. False for the archive, which keeps
     * every version as the partner sent it, from {@code hub.notices}.
     */
    default boolean reviewed() {
        return true;
    }

    /**
     * True when {@link #acceptAll} is one transaction of the hub's database that may join the
     * caller's, so the delivery ledger commits with the channel's writes. A channel that talks to
     * another server while it takes a batch (a CMS) says false: its own commits must not wait for,
     * or be undone with, the rest of the batch.
     */
    default boolean joinsTransaction() {
        return false;
    }

    /** Where the channel shows the notice (a page, a post, a feed), for the delivery ledger; null if nowhere. */
    default @Nullable String reference(Notice notice) {
        return null;
    }
}
