package gr.accmr.hub.ingest.push;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The state of each partner's deliveries by webhook-id. A delivery is first a claim ({@code
 * pending}, held by one hub instance until its lease ends) and becomes {@code delivered}, with the
 * Kafka partition and offset of its record, only once Kafka acknowledged that record. Leases are
 * measured on the database's clock, so instances with skewed clocks agree on them.
 */
@Component
class PushDeliveries {

    /** What a claim found. */
    sealed interface Claim {

        /** This attempt holds the delivery now; its id guards the release. */
        record Claimed(UUID claimId) implements Claim {}

        /** Kafka acknowledged this webhook-id's record before: a duplicate. */
        record Delivered(String noticeId) implements Claim {}

        /** Another attempt holds an unexpired claim; it ends or is reported within {@code leaseLeft}. */
        record InFlight(Duration leaseLeft) implements Claim {}
    }

    /** Rows deleted per statement, so pruning never holds many locks or one long transaction. */
    private static final int PRUNE_BATCH = 5000;

    private final JdbcTemplate jdbc;

    PushDeliveries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Forgets webhook-ids delivered longer ago than {@code retention}, and claims abandoned as long,
     * in batches; returns how many. Idempotent: instances running it at once delete nothing twice.
     */
    int prune(Duration retention) {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update("""
                    DELETE FROM push_delivery WHERE ctid IN (
                        SELECT ctid FROM push_delivery
                        WHERE (state = 'delivered' AND delivered_at < now() - ? * interval '1 millisecond')
                           OR (state = 'pending' AND lease_until < now() - ? * interval '1 millisecond')
                        LIMIT ?)
                    """, retention.toMillis(), retention.toMillis(), PRUNE_BATCH);
            total += deleted;
        } while (deleted == PRUNE_BATCH);
        return total;
    }

    /**
     * Claims the webhook-id for one attempt, unless it was delivered or another attempt's lease
     * is still running. An expired claim is taken over: its instance crashed or lost its
     * database, and the lease is longer than that attempt's record could still be in doubt.
     */
    Claim claim(String partner, String webhookId, String noticeId, String instance, Duration lease) {
        UUID claimId = UUID.randomUUID();
        List<UUID> claimed = jdbc.query(
                """
                INSERT INTO push_delivery AS d
                    (partner, webhook_id, notice_id, state, claim_id, claimed_by, lease_until)
                VALUES (?, ?, ?, 'pending', ?, ?, now() + ? * interval '1 millisecond')
                ON CONFLICT (partner, webhook_id) DO UPDATE
                    SET notice_id = EXCLUDED.notice_id, claim_id = EXCLUDED.claim_id,
                        claimed_by = EXCLUDED.claimed_by, lease_until = EXCLUDED.lease_until,
                        received_at = now()
                    WHERE d.state = 'pending' AND d.lease_until < now()
                RETURNING claim_id
                """,
                (row, n) -> row.getObject(1, UUID.class),
                partner,
                webhookId,
                noticeId,
                claimId,
                instance,
                lease.toMillis());
        if (!claimed.isEmpty()) {
            return new Claim.Claimed(claimId);
        }
        List<Claim> current = jdbc.query(
                """
                SELECT state, notice_id,
                       greatest(extract(epoch FROM lease_until - now()) * 1000, 0)::bigint AS left_ms
                FROM push_delivery WHERE partner = ? AND webhook_id = ?
                """,
                (row, n) -> "delivered".equals(row.getString("state"))
                        ? new Claim.Delivered(row.getString("notice_id"))
                        : new Claim.InFlight(Duration.ofMillis(row.getLong("left_ms"))),
                partner,
                webhookId);
        // Gone between the two statements: the other attempt failed and released it just now.
        return current.isEmpty() ? new Claim.InFlight(Duration.ZERO) : current.get(0);
    }

    /**
     * Records Kafka's acknowledgement. Whichever attempt's record was acknowledged, the webhook-id
     * is delivered now, so this does not check the claim; the first acknowledged offset is kept.
     */
    void delivered(String partner, String webhookId, int partition, long offset) {
        jdbc.update("""
                UPDATE push_delivery
                SET state = 'delivered', kafka_partition = ?, kafka_offset = ?, delivered_at = now(),
                    lease_until = NULL
                WHERE partner = ? AND webhook_id = ? AND state = 'pending'
                """, partition, offset, partner, webhookId);
    }

    /**
     * Gives a claim back when Kafka refused its record, so the partner's retry is delivered. Only
     * this attempt's own claim: a later attempt may have taken the delivery over since.
     */
    void release(String partner, String webhookId, UUID claimId) {
        jdbc.update(
                "DELETE FROM push_delivery WHERE partner = ? AND webhook_id = ? AND claim_id = ? AND state = 'pending'",
                partner,
                webhookId,
                claimId);
    }
}
