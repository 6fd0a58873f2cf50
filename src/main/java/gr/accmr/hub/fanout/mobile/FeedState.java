package gr.accmr.hub.fanout.mobile;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a feed's validators are made of, read without rendering it: how often its language's items
 * changed and when last, and the last moment one of them expired (items leave at their expiry,
 * with no new version to count).
 */
record FeedState(
        long changes, @Nullable Instant changedAt, @Nullable Instant lastExpiry) {

    /** The later of the last change and the last expiry; {@code null} for a feed that never had items. */
    @Nullable
    Instant lastModified() {
        if (changedAt == null) {
            return lastExpiry;
        }
        return lastExpiry != null && lastExpiry.isAfter(changedAt) ? lastExpiry : changedAt;
    }
}
