package gr.accmr.hub.fanout;

import gr.accmr.hub.notice.Notice;

/**
 * A channel notices are delivered to. Implementations must be idempotent on (notice id, version)
 * and ignore a version older than the one they hold: Kafka redelivers after a crash.
 */
public interface NoticeSink {

    /** Short channel name; the route is {@code fanout.<name>}, the group {@code hub.fanout.<name>}. */
    String name();

    void accept(Notice notice);
}
