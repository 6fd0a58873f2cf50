package gr.accmr.hub.ingest.feed;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The durable checkpoint of feed pollers: which entry of which partner was handed to Kafka, and in
 * what shape. Marked only after Kafka acknowledged the entry, so a crash in between sends it again
 * rather than never.
 */
@Component
public class SeenEntries {

    private final JdbcTemplate jdbc;

    SeenEntries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isNewOrChanged(String partner, FeedEntry entry) {
        List<String> hashes = jdbc.queryForList(
                "SELECT entry_hash FROM ingest_seen_entry WHERE partner = ? AND external_id = ?",
                String.class,
                partner,
                entry.externalId());
        return hashes.isEmpty() || !hashes.get(0).equals(entry.entryHash());
    }

    public void markSent(String partner, FeedEntry entry) {
        jdbc.update("""
                INSERT INTO ingest_seen_entry (partner, external_id, entry_hash) VALUES (?, ?, ?)
                ON CONFLICT (partner, external_id)
                DO UPDATE SET entry_hash = excluded.entry_hash, seen_at = now()
                """, partner, entry.externalId(), entry.entryHash());
    }
}
