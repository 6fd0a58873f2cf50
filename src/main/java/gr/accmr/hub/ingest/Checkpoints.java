package gr.accmr.hub.ingest;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Durable checkpoints of partner pollers: ETag, Last-Modified, cursors, start times. A poller
 * writes a checkpoint only after Kafka acknowledged the records of the poll it describes.
 */
@Component
public class Checkpoints {

    private final JdbcTemplate jdbc;

    Checkpoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> get(String partner, String name) {
        List<String> values = jdbc.queryForList(
                "SELECT value FROM ingest_checkpoint WHERE partner = ? AND name = ?", String.class, partner, name);
        return values.stream().findFirst();
    }

    public void put(String partner, String name, String value) {
        jdbc.update("""
                INSERT INTO ingest_checkpoint (partner, name, value) VALUES (?, ?, ?)
                ON CONFLICT (partner, name) DO UPDATE SET value = excluded.value, updated_at = now()
                """, partner, name, value);
    }

    public void remove(String partner, String name) {
        jdbc.update("DELETE FROM ingest_checkpoint WHERE partner = ? AND name = ?", partner, name);
    }
}
