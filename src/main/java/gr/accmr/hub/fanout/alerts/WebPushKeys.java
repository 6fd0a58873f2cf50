package gr.accmr.hub.fanout.alerts;

import com.interaso.webpush.CryptoKt;
import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The hub's VAPID identity. Configured keys win; otherwise the first instance to start makes a pair
 * and stores it, and every instance reads the stored one: browsers bind their subscription to the
 * public key, so it must not change with a restart or differ between instances.
 */
@Component
class WebPushKeys {

    private final WebPush webPush;

    WebPushKeys(AlertProperties properties, JdbcTemplate jdbc) {
        AlertProperties.WebPush config = properties.webPush();
        VapidKeys keys;
        if (!config.publicKey().isBlank() || !config.privateKey().isBlank()) {
            try {
                keys = VapidKeys.fromUncompressedBytes(config.publicKey(), config.privateKey());
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "hub.alerts.web-push.public-key and private-key must be a VAPID key pair in base64url: "
                                + e.getMessage(),
                        e);
            }
        } else {
            VapidKeys made = VapidKeys.generate();
            jdbc.update(
                    "INSERT INTO web_push_vapid (public_key, private_key) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    made.getX509PublicKey(),
                    made.getPkcs8PrivateKey());
            Map<String, Object> stored = jdbc.queryForMap("SELECT public_key, private_key FROM web_push_vapid");
            keys = VapidKeys.create((String) stored.get("public_key"), (String) stored.get("private_key"));
        }
        this.webPush = new WebPush(config.subject(), keys);
    }

    WebPush webPush() {
        return webPush;
    }

    /** What a browser passes to {@code pushManager.subscribe} as {@code applicationServerKey}. */
    String applicationServerKey() {
        return CryptoKt.encodeBase64(webPush.getVapidKeys().getApplicationServerKey());
    }
}
