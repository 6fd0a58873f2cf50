package gr.accmr.hub.platform;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A consumer stage of the pipeline: one topic, one consumer group, one side effect per batch. The
 * platform runs it (see {@code platform.stage}): it polls a batch, calls {@link #process}, and
 * commits the batch's offsets only after {@code process} returned, so a crash means redelivery,
 * never loss. {@code process} must therefore be idempotent.
 *
 * <p>Failures follow {@link Failures}: a {@link PermanentFailure} (or any failure classified
 * permanent) dead-letters the record it names, or, when it names none, the records of the batch
 * are retried one by one to find it; a transient one pauses the stage and retries the batch with
 * back-off for as long as it lasts.
 */
public interface Stage {

    /** Stage name, as in {@code hub.error.stage}: {@code normalize.notices}, {@code fanout.website}. */
    String name();

    /** Topic the stage reads. */
    String topic();

    /** Consumer group of the stage; committed offsets belong to it. */
    String groupId();

    /**
     * Does the stage's work for a batch, in order per partition. Returns only once every record's
     * side effect is durable, or the record was handed to {@code rejects} as permanently bad.
     */
    void process(List<ConsumerRecord<String, byte[]>> batch, Rejects rejects);

    /** Where a stage puts a record that is bad in itself; the rest of its batch goes on. */
    @FunctionalInterface
    interface Rejects {
        /** Dead-letters the record with its reason; returns once that is durable. */
        void reject(ConsumerRecord<String, byte[]> record, Throwable reason);
    }

    /** A permanent failure of one record of a batch, so the platform dead-letters exactly that one. */
    final class RecordFailure extends PermanentFailure {
        private final transient ConsumerRecord<String, byte[]> record;

        public RecordFailure(ConsumerRecord<String, byte[]> record, Throwable cause) {
            super(Failures.describe(cause), cause);
            this.record = record;
        }

        public ConsumerRecord<String, byte[]> record() {
            return record;
        }
    }
}
