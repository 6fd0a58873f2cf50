package gr.accmr.hub.ingest.push;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Which webhook-ids each partner already delivered, so a retried delivery is written only once. */
@Component
class PushDeliveries {

    private final JdbcTemplate jdbc;

    PushDeliveries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the webhook-id; false when it was delivered before (or is being delivered right now). */
    boolean claim(String partner, String webhookId, String noticeId) {
        return jdbc.update("""
                        INSERT INTO push_delivery (partner, webhook_id, notice_id) VALUES (?, ?, ?)
                        ON CONFLICT (partner, webhook_id) DO NOTHING
                        """, partner, webhookId, noticeId) == 1;
    }

    /** Gives a claim back when the delivery could not be handed to Kafka, so the partner's retry counts. */
    void release(String partner, String webhookId) {
        jdbc.update("DELETE FROM push_delivery WHERE partner = ? AND webhook_id = ?", partner, webhookId);
    }

    String noticeOf(String partner, String webhookId) {
        return jdbc.queryForObject(
                "SELECT notice_id FROM push_delivery WHERE partner = ? AND webhook_id = ?",
                String.class,
                partner,
                webhookId);
    }
}
