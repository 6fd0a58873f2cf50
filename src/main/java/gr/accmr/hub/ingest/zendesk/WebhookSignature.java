package gr.accmr.hub.ingest.zendesk;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Zendesk's webhook signature: {@code X-Zendesk-Webhook-Signature} is the base64 HMAC-SHA256, keyed
 * with the webhook's signing secret, of the {@code X-Zendesk-Webhook-Signature-Timestamp} value
 * followed by the request body as sent.
 */
final class WebhookSignature {

    static final String SIGNATURE = "X-Zendesk-Webhook-Signature";
    static final String TIMESTAMP = "X-Zendesk-Webhook-Signature-Timestamp";

    /** A timestamp further than this from our clock is refused: a captured call cannot be replayed later. */
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {}

    /** Why a call is refused, or empty when its signature is valid and recent. */
    static Optional<String> check(
            String secret, @Nullable String timestamp, byte[] body, @Nullable String signature, Instant now) {
        if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
            return Optional.of("missing " + SIGNATURE + " or " + TIMESTAMP);
        }
        Instant at = parse(timestamp.strip());
        if (at == null) {
            return Optional.of("unreadable " + TIMESTAMP);
        }
        if (Duration.between(at, now).abs().compareTo(TOLERANCE) > 0) {
            return Optional.of(TIMESTAMP + " is more than " + TOLERANCE.toMinutes() + " minutes from now");
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException notBase64) {
            return Optional.of("signature is not base64");
        }
        // Constant time: how much of a guess matched must not show in the response time.
        return MessageDigest.isEqual(sign(secret, timestamp, body), given)
                ? Optional.empty()
                : Optional.of("signature does not match");
    }

    static byte[] sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Zendesk sends ISO-8601 ({@code 2026-11-26T10:00:00Z}); epoch seconds are read too. */
    private static @Nullable Instant parse(String timestamp) {
        try {
            return OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(timestamp));
            } catch (NumberFormatException notEpoch) {
                return null;
            }
        }
    }
}
