package gr.accmr.hub.platform;

/**
 * The record itself is bad (unparsable, invalid, empty): retrying cannot help, so it goes to the
 * dead-letter topic at once and its partition moves on.
 */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String message) {
        super(message);
    }

    public PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
