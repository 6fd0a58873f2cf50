package gr.accmr.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class FailuresTest {

    @Test
    void anOutageOfKafkaIsTransientEvenWrapped() {
        var timeout = new org.apache.kafka.common.errors.TimeoutException("Expiring 1 record(s)");
        assertThat(Failures.classify(new IllegalStateException("Kafka did not acknowledge", timeout)))
                .isEqualTo(Failures.Kind.TRANSIENT);
    }

    @Test
    void aRecordKafkaRefusesAsTooLargeIsPermanent() {
        assertThat(Failures.classify(new IllegalStateException("not acknowledged", new RecordTooLargeException("big"))))
                .isEqualTo(Failures.Kind.PERMANENT);
    }

    @Test
    void postgresqlDownIsTransient() {
        assertThat(Failures.classify(
                        new CannotGetJdbcConnectionException("refused", new SQLException("refused", "08001"))))
                .isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(new SQLException("terminating connection due to administrator command", "57P01")))
                .isEqualTo(Failures.Kind.TRANSIENT);
    }

    @Test
    void aTransactionThatCannotRollBackOrBeginIsTransient() {
        // What a stage sees when PostgreSQL is stopped mid-batch: the rollback itself fails.
        assertThat(Failures.classify(new org.springframework.transaction.TransactionSystemException(
                        "JDBC rollback failed", new SQLException("Connection is closed"))))
                .isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(new org.springframework.transaction.CannotCreateTransactionException(
                        "Could not open JDBC Connection for transaction")))
                .isEqualTo(Failures.Kind.TRANSIENT);
    }

    @Test
    void aConstraintViolationIsPermanent() {
        assertThat(Failures.classify(new DataIntegrityViolationException("duplicate key")))
                .isEqualTo(Failures.Kind.PERMANENT);
    }

    @Test
    void aFailingDiskOrNetworkIsTransient() {
        assertThat(Failures.classify(new UncheckedIOException(new FileSystemException("/data/site: Not a directory"))))
                .isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(new ConnectException("Connection refused")))
                .isEqualTo(Failures.Kind.TRANSIENT);
    }

    @Test
    void parsingAndRefusedArgumentsArePermanentWhateverTheyWrap() {
        assertThat(Failures.classify(new JsonParseException(null, "Unexpected character")))
                .isEqualTo(Failures.Kind.PERMANENT);
        assertThat(Failures.classify(
                        new IllegalArgumentException("not a readable e-mail message", new IOException("bad MIME"))))
                .isEqualTo(Failures.Kind.PERMANENT);
    }

    @Test
    void theExplicitTypesDecide() {
        assertThat(Failures.classify(new RuntimeException(new TransientFailure("CMS answered 503"))))
                .isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(new PermanentFailure("empty", new IOException("wrapped"))))
                .isEqualTo(Failures.Kind.PERMANENT);
    }

    @Test
    void aBugIsPermanentSoItCanBeReplayedAfterTheFix() {
        assertThat(Failures.classify(new NullPointerException())).isEqualTo(Failures.Kind.PERMANENT);
    }

    @Test
    void describesTheRootCause() {
        assertThat(Failures.describe(
                        new IllegalStateException("Kafka did not acknowledge", new ConnectException("refused"))))
                .isEqualTo("IllegalStateException: Kafka did not acknowledge (ConnectException: refused)");
    }
}
