package gr.accmr.hub.normalize.internal;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeId;

/** What a raw record says: here is the notice as it now is, or the notice is withdrawn. */
public sealed interface Outcome {

    /** The full notice as the source now has it (version 0, no content hash yet). */
    record Draft(Notice notice) implements Outcome {}

    /**
     * The source withdrew the notice (deleted, unpublished, back to draft) without sending its
     * content: the last published version is republished as retracted.
     */
    record Retraction(NoticeId id) implements Outcome {}
}
