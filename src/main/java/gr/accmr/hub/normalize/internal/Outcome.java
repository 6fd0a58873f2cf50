package gr.accmr.hub.normalize.internal;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeId;
import java.util.Set;

/** What a raw record says: here is the notice as it now is, or the notice is withdrawn. */
public sealed interface Outcome {

    /** The id of the notice the outcome is about. */
    default String noticeId() {
        return this instanceof Draft draft
                ? draft.notice().id()
                : ((Retraction) this).id().toString();
    }

    /**
     * The notice as the source now has it (version 0, no content hash yet).
     *
     * @param partial {@code true} when the record carries only some of the notice's translations
     *     (a partner pushing its Arabic text later): the translations it does not mention are kept
     *     from the last published version. {@code false} when it describes every translation, so a
     *     language missing from it was removed.
     * @param removed languages the record explicitly withdraws (only in a partial record)
     */
    record Draft(Notice notice, boolean partial, Set<String> removed) implements Outcome {

        public Draft {
            removed = Set.copyOf(removed);
        }

        /** A record that describes every translation of the notice. */
        public Draft(Notice notice) {
            this(notice, false, Set.of());
        }
    }

    /**
     * The source withdrew the notice (deleted, unpublished, back to draft) without sending its
     * content: the last published version is republished as retracted.
     */
    record Retraction(NoticeId id) implements Outcome {}
}
