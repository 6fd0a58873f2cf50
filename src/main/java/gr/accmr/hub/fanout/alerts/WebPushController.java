package gr.accmr.hub.fanout.alerts;

import com.interaso.webpush.CryptoKt;
import gr.accmr.hub.platform.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public: browsers and PWAs subscribe to urgent notices with the {@code PushSubscription} their
 * {@code pushManager.subscribe} returned. Anyone may call it, so the endpoint must belong to a
 * known push service (the hub never posts elsewhere on a stranger's word), the keys must have the
 * sizes RFC 8291 gives, and the number of subscriptions is bounded.
 */
@Tag(name = "Web Push", description = "Urgent notices pushed to browsers and installed web apps")
@RestController
@Validated
class WebPushController {

    private final JdbcTemplate jdbc;
    private final WebPushKeys keys;
    private final AlertProperties.WebPush properties;

    WebPushController(JdbcTemplate jdbc, WebPushKeys keys, AlertProperties properties) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.properties = properties.webPush();
    }

    record Key(String applicationServerKey) {}

    /** A {@code PushSubscription} as browsers serialize it, with optional filters. */
    record Subscribe(
            @NotBlank @Size(max = 1024) String endpoint,
            @NotNull Keys keys,
            @Nullable @Size(max = 10) List<String> languages,
            @Nullable @Size(max = 50) List<String> partners) {}

    record Keys(
            @NotBlank @Size(max = 200) String p256dh,
            @NotBlank @Size(max = 100) String auth) {}

    record Unsubscribe(@NotBlank @Size(max = 1024) String endpoint) {}

    record Subscribed(
            String endpoint,
            @Nullable List<String> languages,
            @Nullable List<String> partners) {}

    @Operation(summary = "The hub's VAPID public key, for pushManager.subscribe's applicationServerKey")
    @GetMapping("/api/v1/web-push/key")
    Key key() {
        return new Key(keys.applicationServerKey());
    }

    @Operation(
            summary = "Subscribe a browser to urgent notices",
            description =
                    "Subscribing again with the same endpoint replaces its keys and filters and enables it again.")
    @ApiResponse(responseCode = "201", description = "Subscribed")
    @ApiResponse(responseCode = "422", description = "Not a push service the hub posts to, or keys of the wrong size")
    @ApiResponse(responseCode = "503", description = "No room for more subscriptions")
    @PostMapping("/api/v1/web-push/subscriptions")
    ResponseEntity<Subscribed> subscribe(@RequestBody @Validated Subscribe request) {
        URI endpoint = endpoint(request.endpoint());
        key(request.keys().p256dh(), 65, "keys.p256dh must be an uncompressed P-256 public key (65 bytes)");
        key(request.keys().auth(), 16, "keys.auth must be 16 bytes");
        SubscriptionFilter filter = SubscriptionFilter.validated(request.languages(), request.partners());
        int updated = jdbc.update(connection -> {
            var statement = connection.prepareStatement("""
                    UPDATE alert_subscription SET p256dh = ?, auth = ?, languages = ?, partners = ?,
                        state = 'active', failures = 0, disabled_reason = NULL
                    WHERE kind = 'web-push' AND url = ?
                    """);
            statement.setString(1, request.keys().p256dh());
            statement.setString(2, request.keys().auth());
            statement.setArray(3, filter.languages(connection));
            statement.setArray(4, filter.partners(connection));
            statement.setString(5, endpoint.toString());
            return statement;
        });
        if (updated == 0) {
            // Counted and inserted in one statement: no room means no row, whatever runs beside it.
            int inserted = jdbc.update(connection -> {
                var statement = connection.prepareStatement("""
                        INSERT INTO alert_subscription (kind, name, url, p256dh, auth, languages, partners)
                        SELECT 'web-push', 'browser', ?, ?, ?, ?, ?
                        WHERE (SELECT count(*) FROM alert_subscription WHERE kind = 'web-push') < ?
                        ON CONFLICT (url) WHERE kind = 'web-push' DO NOTHING
                        """);
                statement.setString(1, endpoint.toString());
                statement.setString(2, request.keys().p256dh());
                statement.setString(3, request.keys().auth());
                statement.setArray(4, filter.languages(connection));
                statement.setArray(5, filter.partners(connection));
                statement.setInt(6, properties.maxSubscriptions());
                return statement;
            });
            if (inserted == 0
                    && jdbc.queryForObject(
                                    "SELECT count(*) FROM alert_subscription WHERE kind = 'web-push' AND url = ?",
                                    Long.class,
                                    endpoint.toString())
                            == 0) {
                throw Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "No room for more subscriptions",
                        "the hub keeps at most " + properties.maxSubscriptions() + " browser subscriptions");
            }
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new Subscribed(endpoint.toString(), filter.languages(), filter.partners()));
    }

    @Operation(summary = "Unsubscribe a browser; unknown endpoints are answered the same")
    @ApiResponse(responseCode = "204", description = "Not subscribed (any more)")
    @DeleteMapping("/api/v1/web-push/subscriptions")
    ResponseEntity<Void> unsubscribe(@RequestBody @Validated Unsubscribe request) {
        jdbc.update("DELETE FROM alert_subscription WHERE kind = 'web-push' AND url = ?", request.endpoint());
        return ResponseEntity.noContent().build();
    }

    private URI endpoint(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid endpoint", "not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean secure = scheme.equals("https") || (!properties.requireHttps() && scheme.equals("http"));
        boolean known = properties.endpointHosts().stream()
                .map(allowed -> allowed.toLowerCase(Locale.ROOT))
                .anyMatch(allowed -> host.equals(allowed) || host.endsWith("." + allowed));
        if (!secure || !known || uri.getUserInfo() != null) {
            throw Problems.of(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Invalid endpoint",
                    "the endpoint must be an https URL of a known push service");
        }
        return uri;
    }

    private static void key(String base64url, int length, String message) {
        byte[] bytes;
        try {
            bytes = CryptoKt.decodeBase64(base64url);
        } catch (IllegalArgumentException e) {
            throw Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid keys", message);
        }
        if (bytes.length != length) {
            throw Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid keys", message);
        }
    }
}
