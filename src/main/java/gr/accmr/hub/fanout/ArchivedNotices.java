package gr.accmr.hub.fanout;

/** How many notices the archive holds, for the console's overview. */
public interface ArchivedNotices {

    /** Notices in the archive (each counted once, whatever its versions), published or retracted. */
    long count();
}
