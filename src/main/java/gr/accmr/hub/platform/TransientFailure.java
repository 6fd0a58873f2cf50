package gr.accmr.hub.platform;

/**
 * Something outside the record is unavailable (Kafka, PostgreSQL, a CMS, the disk; a timeout, a
 * 5xx or a 429): the stage waits and retries for as long as it lasts, and never dead-letters.
 */
public class TransientFailure extends RuntimeException {

    public TransientFailure(String message) {
        super(message);
    }

    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
