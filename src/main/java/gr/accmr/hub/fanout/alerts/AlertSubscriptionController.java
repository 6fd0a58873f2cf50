package gr.accmr.hub.fanout.alerts;

import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.platform.Audit;
import gr.accmr.hub.platform.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Array;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API of the subscribers to urgent notices. The secret that signs a subscription's
 * deliveries is shown once, when the subscription is made.
 */
@Tag(name = "Alert subscriptions", description = "Who receives a signed webhook for every urgent notice")
@RestController
@Validated
class AlertSubscriptionController {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Audit audit;

    AlertSubscriptionController(JdbcTemplate jdbc, Audit audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** A new subscription: where to POST, and optionally which languages and partners. */
    record Request(
            @NotBlank String name,
            @NotBlank String url,
            @Nullable List<String> languages,
            @Nullable List<String> partners) {}

    record Subscription(
            long id,
            String name,
            String url,
            @Nullable List<String> languages,
            @Nullable List<String> partners,
            String state,
            int failures,
            @Nullable String disabledReason,
            Instant createdAt,
            long pending,
            long delivered) {}

    record Created(Subscription subscription, String secret) {}

    @Operation(summary = "Subscribe a URL to urgent notices; the answer holds the signing secret, shown only here")
    @PostMapping("/api/v1/admin/alert-subscriptions")
    ResponseEntity<Created> create(@RequestBody @Validated Request request, HttpServletRequest http) {
        URI url;
        try {
            url = URI.create(request.url());
        } catch (IllegalArgumentException e) {
            throw Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid URL", e.getMessage());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
            throw Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid URL", "an http(s) URL with a host is needed");
        }
        List<String> languages = request.languages() == null
                ? null
                : request.languages().stream()
                        .map(AlertSubscriptionController::language)
                        .toList();
        if (request.partners() != null) {
            request.partners().stream()
                    .filter(partner -> !NoticeId.isValidPartner(partner))
                    .findFirst()
                    .ifPresent(bad -> {
                        throw Problems.of(
                                HttpStatus.UNPROCESSABLE_CONTENT, "Invalid partner", "not a partner id: " + bad);
                    });
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    var statement = connection.prepareStatement("""
                            INSERT INTO alert_subscription (name, url, secret, languages, partners, created_by)
                            VALUES (?, ?, ?, ?, ?, ?)
                            """, new String[] {"id"});
                    statement.setString(1, request.name());
                    statement.setString(2, url.toString());
                    statement.setString(3, secret);
                    statement.setArray(4, array(connection, languages));
                    statement.setArray(5, array(connection, request.partners()));
                    statement.setString(
                            6,
                            http.getUserPrincipal() == null
                                    ? null
                                    : http.getUserPrincipal().getName());
                    return statement;
                },
                keys);
        long id = keys.getKey().longValue();
        audit.record(http, "alert-subscription.create", "alert-subscription:" + id, "created", url.toString());
        return ResponseEntity.created(URI.create("/api/v1/admin/alert-subscriptions/" + id))
                .body(new Created(find(id), secret));
    }

    @Operation(summary = "Every subscription with its state and counts (no secrets)")
    @GetMapping("/api/v1/admin/alert-subscriptions")
    List<Subscription> list() {
        return query("");
    }

    @GetMapping("/api/v1/admin/alert-subscriptions/{id}")
    Subscription one(@PathVariable long id) {
        return find(id);
    }

    @Operation(summary = "Enable a subscription again after it was disabled for failing")
    @PostMapping("/api/v1/admin/alert-subscriptions/{id}/enable")
    Subscription enable(@PathVariable long id, HttpServletRequest http) {
        find(id);
        jdbc.update(
                "UPDATE alert_subscription SET state = 'active', failures = 0, disabled_reason = NULL WHERE id = ?",
                id);
        audit.record(http, "alert-subscription.enable", "alert-subscription:" + id, "enabled", null);
        return find(id);
    }

    @Operation(summary = "Remove a subscription and its pending alerts")
    @DeleteMapping("/api/v1/admin/alert-subscriptions/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, HttpServletRequest http) {
        find(id);
        jdbc.update("DELETE FROM alert_subscription WHERE id = ?", id);
        audit.record(http, "alert-subscription.delete", "alert-subscription:" + id, "deleted", null);
        return ResponseEntity.noContent().build();
    }

    private Subscription find(long id) {
        return query(" WHERE s.id = " + id).stream()
                .findFirst()
                .orElseThrow(
                        () -> Problems.of(HttpStatus.NOT_FOUND, "Unknown subscription", "no alert subscription " + id));
    }

    private List<Subscription> query(String where) {
        return jdbc.query(
                """
                SELECT s.id, s.name, s.url, s.languages, s.partners, s.state, s.failures, s.disabled_reason, s.created_at,
                  (SELECT count(*) FROM alert_delivery d WHERE d.subscription_id = s.id AND d.state = 'pending'),
                  (SELECT count(*) FROM alert_delivery d WHERE d.subscription_id = s.id AND d.state = 'delivered')
                FROM alert_subscription s""" + where + " ORDER BY s.id",
                (row, n) -> new Subscription(
                        row.getLong(1),
                        row.getString(2),
                        row.getString(3),
                        list(row.getArray(4)),
                        list(row.getArray(5)),
                        row.getString(6),
                        row.getInt(7),
                        row.getString(8),
                        row.getTimestamp(9).toInstant(),
                        row.getLong(10),
                        row.getLong(11)));
    }

    private static String language(String tag) {
        try {
            return Languages.normalize(tag);
        } catch (IllegalArgumentException e) {
            throw Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid language", e.getMessage());
        }
    }

    private static @Nullable Array array(java.sql.Connection connection, @Nullable List<String> values)
            throws java.sql.SQLException {
        return values == null ? null : connection.createArrayOf("text", values.toArray());
    }

    private static @Nullable List<String> list(@Nullable Array array) throws java.sql.SQLException {
        return array == null ? null : List.of((String[]) array.getArray());
    }
}
