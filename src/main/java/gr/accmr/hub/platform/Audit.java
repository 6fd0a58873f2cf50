package gr.accmr.hub.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The audit log: every operator action, with who, when, from where and how it ended. */
@Component
public class Audit {

    /** One entry of the log. */
    public record Entry(
            long id,
            Instant at,
            String actor,
            String action,
            String target,
            String outcome,
            @Nullable String detail,
            @Nullable String clientAddress) {}

    private final JdbcTemplate jdbc;

    Audit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an action taken through an HTTP request; the actor is the signed-in user. */
    public void record(
            HttpServletRequest request, String action, String target, String outcome, @Nullable String detail) {
        Principal user = request.getUserPrincipal();
        record(user == null ? "anonymous" : user.getName(), action, target, outcome, detail, request.getRemoteAddr());
    }

    public void record(
            String actor,
            String action,
            String target,
            String outcome,
            @Nullable String detail,
            @Nullable String clientAddress) {
        jdbc.update(
                "INSERT INTO audit_log (actor, action, target, outcome, detail, client_address) VALUES (?, ?, ?, ?, ?, ?)",
                actor,
                action,
                target,
                outcome,
                detail,
                clientAddress);
    }

    /** The newest entries first. */
    public List<Entry> recent(int limit, int offset) {
        return jdbc.query(
                """
                SELECT id, at, actor, action, target, outcome, detail, client_address FROM audit_log
                ORDER BY at DESC, id DESC LIMIT ? OFFSET ?
                """,
                (row, n) -> new Entry(
                        row.getLong(1),
                        row.getTimestamp(2).toInstant(),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6),
                        row.getString(7),
                        row.getString(8)),
                limit,
                offset);
    }
}
