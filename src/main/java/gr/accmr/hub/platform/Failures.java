package gr.accmr.hub.platform;

import com.fasterxml.jackson.core.JacksonException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The one place that says which kind a failure is. A stage's policy depends only on this: a
 * permanent failure dead-letters the record, a transient one pauses the stage until it passes.
 *
 * <p>The explicit types win ({@link PermanentFailure}, {@link TransientFailure}); otherwise the
 * cause chain is searched for something that says "outside is down" (Kafka's retriable errors,
 * Spring's transient and resource-failure data access errors, SQL connection states, timeouts, I/O
 * that is not parsing). Anything else is the record's fault: a bug shows up as dead letters that
 * can be replayed after the fix, never as a stage stuck on one record.
 */
public final class Failures {

    public enum Kind {
        PERMANENT,
        TRANSIENT
    }

    private Failures() {}

    public static Kind classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof PermanentFailure) {
                return Kind.PERMANENT;
            }
            if (cause instanceof TransientFailure) {
                return Kind.TRANSIENT;
            }
        }
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (isParsing(cause)) {
                return Kind.PERMANENT;
            }
            if (isOutside(cause)) {
                return Kind.TRANSIENT;
            }
        }
        return Kind.PERMANENT;
    }

    public static boolean isTransient(Throwable failure) {
        return classify(failure) == Kind.TRANSIENT;
    }

    /** The failure and its root cause in one line: "Kafka did not acknowledge" alone says too little. */
    public static String describe(@Nullable Throwable failure) {
        if (failure == null) {
            return "unknown";
        }
        Throwable root = failure;
        while (next(root) != null) {
            root = next(root);
        }
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure
                ? reason
                : reason + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    /** Types that settle the question for the whole chain, whatever they wrap. */
    private static boolean isParsing(Throwable cause) {
        // An argument the code refused is the record's fault, even when an I/O error is its cause
        // (a malformed MIME part surfaces as an IOException wrapped by the normalizer).
        return cause instanceof IllegalArgumentException
                || cause instanceof JacksonException
                || cause instanceof CharacterCodingException
                || cause instanceof CharConversionException;
    }

    private static boolean isOutside(Throwable cause) {
        if (cause instanceof RetriableException
                || cause instanceof TimeoutException
                || cause instanceof TransientDataAccessException
                || cause instanceof RecoverableDataAccessException
                || cause instanceof DataAccessResourceFailureException
                // The transaction itself could not begin, commit or roll back: the database went away.
                || cause instanceof CannotCreateTransactionException
                || cause instanceof TransactionSystemException
                || cause instanceof QueryTimeoutException
                || cause instanceof SQLTransientException
                || cause instanceof SQLRecoverableException
                || cause instanceof IOException
                || cause instanceof UncheckedIOException) {
            return true;
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            // 08: connection; 53: insufficient resources; 57: operator intervention (shutdown);
            // 58: system error (disk); 40001/40P01: serialization failure and deadlock, retried by design.
            return state.startsWith("08")
                    || state.startsWith("53")
                    || state.startsWith("57")
                    || state.startsWith("58")
                    || state.equals("40001")
                    || state.equals("40P01");
        }
        return false;
    }

    private static @Nullable Throwable next(Throwable cause) {
        Throwable next = cause.getCause();
        return next == cause ? null : next;
    }
}
