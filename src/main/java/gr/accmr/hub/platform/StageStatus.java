package gr.accmr.hub.platform;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What operators see of a stage on this instance.
 *
 * @param state {@code running}, {@code waiting} (for an outage to pass), {@code suspended} or
 *     {@code stopped}
 * @param reason why it waits, or why it stopped
 * @param since when the current wait began
 * @param waits retries during outages since the start
 * @param records records processed since the start
 * @param deadLetters records dead-lettered since the start
 */
public record StageStatus(
        String stage,
        String state,
        @Nullable String reason,
        @Nullable Instant since,
        long waits,
        long records,
        long deadLetters,
        @Nullable Instant lastBatchAt) {}
