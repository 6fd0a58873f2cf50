package gr.accmr.hub.notice;

/** The CloudEvents 1.0 contract of {@code hub.notices} records (binary mode). */
public final class NoticeEvents {

    public static final String PUBLISHED = "gr.accmr.hub.notice.published";
    public static final String RETRACTED = "gr.accmr.hub.notice.retracted";

    private NoticeEvents() {}

    public static String typeOf(Notice notice) {
        return notice.status() == Notice.Status.RETRACTED ? RETRACTED : PUBLISHED;
    }

    /** {@code ce_id}: unique per notice version, so a redelivered version keeps its event id. */
    public static String eventId(Notice notice) {
        return notice.id() + ":v" + notice.version();
    }

    /** {@code ce_source}: the partner the notice came from. */
    public static String source(Notice notice) {
        return "/partners/" + notice.partner();
    }
}
