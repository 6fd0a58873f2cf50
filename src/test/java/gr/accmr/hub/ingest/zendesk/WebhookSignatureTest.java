package gr.accmr.hub.ingest.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
    private static final String TIMESTAMP = "2026-11-26T10:00:00Z";
    private static final Instant NOW = Instant.parse(TIMESTAMP);
    private static final byte[] BODY = "{\"type\":\"zen:event-type:article.published\",\"detail\":{\"id\":\"360001\"}}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsTheHmacOfTimestampAndBody() {
        assertThat(WebhookSignature.check(SECRET, TIMESTAMP, BODY, signature(SECRET, TIMESTAMP, BODY), NOW))
                .isEmpty();
    }

    @Test
    void matchesAnIndependentlyComputedSignature() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected =
                mac.doFinal((TIMESTAMP + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));

        assertThat(WebhookSignature.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(expected);
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret() {
        assertThat(WebhookSignature.check(SECRET, TIMESTAMP, BODY, signature("other", TIMESTAMP, BODY), NOW))
                .hasValue("signature does not match");
    }

    @Test
    void refusesAChangedBody() {
        String signature = signature(SECRET, TIMESTAMP, BODY);
        byte[] changed = new String(BODY, StandardCharsets.UTF_8)
                .replace("360001", "360002")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignature.check(SECRET, TIMESTAMP, changed, signature, NOW))
                .isPresent();
    }

    @Test
    void refusesATimestampMoreThanFiveMinutesAwayEitherWay() {
        String signature = signature(SECRET, TIMESTAMP, BODY);

        assertThat(WebhookSignature.check(SECRET, TIMESTAMP, BODY, signature, NOW.plus(Duration.ofMinutes(6))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("5 minutes"));
        assertThat(WebhookSignature.check(SECRET, TIMESTAMP, BODY, signature, NOW.minus(Duration.ofMinutes(6))))
                .isPresent();
        assertThat(WebhookSignature.check(SECRET, TIMESTAMP, BODY, signature, NOW.plus(Duration.ofMinutes(4))))
                .isEmpty();
    }

    @Test
    void refusesMissingOrMalformedHeaders() {
        assertThat(WebhookSignature.check(SECRET, null, BODY, signature(SECRET, TIMESTAMP, BODY), NOW))
                .isPresent();
        assertThat(WebhookSignature.check(SECRET, TIMESTAMP, BODY, null, NOW)).isPresent();
        assertThat(WebhookSignature.check(SECRET, TIMESTAMP, BODY, "not base64!", NOW))
                .isPresent();
        assertThat(WebhookSignature.check(SECRET, "yesterday", BODY, signature(SECRET, "yesterday", BODY), NOW))
                .isPresent();
    }

    @Test
    void readsTheArticleIdOfPublishedAndUnpublishedEvents() {
        assertThat(ZendeskWebhookController.articleId(BODY)).hasValue(360001L);
        assertThat(ZendeskWebhookController.articleId(
                        "{\"type\":\"zen:event-type:article.unpublished\",\"subject\":\"zen:article:360002\"}"
                                .getBytes(StandardCharsets.UTF_8)))
                .hasValue(360002L);
        assertThat(ZendeskWebhookController.articleId(
                        "{\"type\":\"zen:event-type:article.comment_created\",\"detail\":{\"id\":\"1\"}}"
                                .getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }

    private static String signature(String secret, String timestamp, byte[] body) {
        return Base64.getEncoder().encodeToString(WebhookSignature.sign(secret, timestamp, body));
    }
}
