package gr.accmr.hub.fanout.alerts;

import gr.accmr.hub.platform.Audit;
import gr.accmr.hub.platform.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.security.SecureRandom;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API of the subscribers to urgent notices. The secret that signs a subscription's
 * deliveries is shown once, when the subscription is made. A URL whose host is, or resolves to, an
 * address that is not globally reachable (loopback, private, link-local, cloud metadata…) is
 * refused with 422.
 */
@Tag(name = "Alert subscriptions", description = "Who receives a signed webhook for every urgent notice")
@RestController
@Validated
class AlertSubscriptionController {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Audit audit;
    private final SubscriberAddresses addresses;

    AlertSubscriptionController(JdbcTemplate jdbc, Audit audit, SubscriberAddresses addresses) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.addresses = addresses;
    }

    /** A new subscription: where to POST, and optionally which languages and partners. */
    record Request(
            @NotBlank String name,
            @NotBlank String url,
            @Nullable List<String> languages,
            @Nullable List<String> partners) {}

    /** A subscription; {@code kind} is {@code webhook} (made here) or {@code web-push} (a browser). */
    record Subscription(
            long id,
            String kind,
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

    @Operation(
            summary = "Subscribe a URL to urgent notices; the answer holds the signing secret, shown only here",
            description = "The URL must be http(s) and reach a globally reachable address: loopback, private, "
                    + "link-local and cloud metadata addresses are refused with 422, here and at every delivery.")
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
        addresses.refusal(url).ifPresent(reason -> {
            throw Problems.of(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Address not allowed",
                    reason + "; alert subscribers must be reachable on the public internet");
        });
        SubscriptionFilter filter = SubscriptionFilter.validated(request.languages(), request.partners());
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
                    statement.setArray(4, filter.languages(connection));
                    statement.setArray(5, filter.partners(connection));
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

    @Operation(
            summary = "Subscriptions with their state and counts (no secrets), in id order",
            description = "Pages of limit subscriptions; the next page starts after the last id of this one.")
    @GetMapping("/api/v1/admin/alert-subscriptions")
    List<Subscription> list(
            @Parameter(description = "webhook or web-push") @RequestParam(required = false) @Nullable String kind,
            @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return kind == null
                ? query(" WHERE s.id > ? ORDER BY s.id LIMIT ?", after, limit)
                : query(" WHERE s.kind = ? AND s.id > ? ORDER BY s.id LIMIT ?", kind, after, limit);
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
        return query(" WHERE s.id = ?", id).stream()
                .findFirst()
                .orElseThrow(
                        () -> Problems.of(HttpStatus.NOT_FOUND, "Unknown subscription", "no alert subscription " + id));
    }

    private List<Subscription> query(String where, Object... args) {
        return jdbc.query(
                """
                SELECT s.id, s.kind, s.name, s.url, s.languages, s.partners, s.state, s.failures, s.disabled_reason, s.created_at,
                  (SELECT count(*) FROM alert_delivery d WHERE d.subscription_id = s.id AND d.state = 'pending'),
                  (SELECT count(*) FROM alert_delivery d WHERE d.subscription_id = s.id AND d.state = 'delivered')
                FROM alert_subscription s""" + where,
                (row, n) -> new Subscription(
                        row.getLong(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        SubscriptionFilter.list(row.getArray(5)),
                        SubscriptionFilter.list(row.getArray(6)),
                        row.getString(7),
                        row.getInt(8),
                        row.getString(9),
                        row.getTimestamp(10).toInstant(),
                        row.getLong(11),
                        row.getLong(12)),
                args);
    }
}
