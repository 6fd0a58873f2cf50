package gr.accmr.hub.fanout.alerts;

import gr.accmr.hub.fanout.NoticeSink;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The alerts channel: an urgent, visible notice is queued once for every active subscription that
 * wants its partner and one of its languages. Queued in the batch's transaction, so a delivery is
 * never lost between Kafka and the outbox; the first urgent version of a notice alerts, its later
 * edits do not.
 */
@Component
class AlertSink implements NoticeSink {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    AlertSink(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public boolean joinsTransaction() {
        return true;
    }

    @Override
    public String name() {
        return "alerts";
    }

    @Override
    public void acceptAll(List<Notice> notices) {
        transactions.executeWithoutResult(status -> notices.forEach(this::accept));
    }

    @Override
    public void accept(Notice notice) {
        if (notice.urgency() != Notice.Urgency.URGENT || !notice.visibleAt(Instant.now())) {
            return;
        }
        String payload = new String(NoticeJson.write(notice), StandardCharsets.UTF_8);
        String[] languages = notice.translations().keySet().toArray(String[]::new);
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("""
                            INSERT INTO alert_delivery (subscription_id, notice_id, version, payload)
                            SELECT id, ?, ?, jsonb_build_object('type', 'gr.accmr.hub.notice.urgent', 'notice', ?::jsonb)
                            FROM alert_subscription
                            WHERE state = 'active'
                              AND (partners IS NULL OR ? = ANY (partners))
                              AND (languages IS NULL OR languages && ?)
                            ON CONFLICT (subscription_id, notice_id) DO NOTHING
                            """);
            statement.setString(1, notice.id());
            statement.setInt(2, notice.version());
            statement.setString(3, payload);
            statement.setString(4, notice.partner());
            statement.setArray(5, connection.createArrayOf("text", languages));
            return statement;
        });
    }
}
