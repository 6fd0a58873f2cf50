package gr.accmr.hub.platform;

/** Header names the hub adds to a dead letter on {@code hub.dlq}, beside the record's own headers. */
public final class DeadLetterHeaders {

    public static final String STAGE = "hub.error.stage";
    public static final String CLASS = "hub.error.class";
    public static final String MESSAGE = "hub.error.message";
    public static final String AT = "hub.error.at";
    public static final String ATTEMPTS = "hub.error.attempts";
    public static final String TOPIC = "hub.error.topic";
    public static final String PARTITION = "hub.error.partition";
    public static final String OFFSET = "hub.error.offset";
    /**
     * {@code reference} when the record was too large to dead-letter whole: the value is empty and
     * the original bytes are read from {@link #TOPIC}, {@link #PARTITION} and {@link #OFFSET}.
     */
    public static final String PAYLOAD = "hub.error.payload";
    /** How many of the original headers were left out to keep the dead letter small. */
    public static final String HEADERS_DROPPED = "hub.error.headers-dropped";

    public static final String PREFIX = "hub.error.";

    private DeadLetterHeaders() {}
}
