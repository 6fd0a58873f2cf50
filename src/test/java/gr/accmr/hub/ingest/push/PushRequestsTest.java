package gr.accmr.hub.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import gr.accmr.hub.notice.NoticeJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushRequestsTest {

    // The test vector of the Standard Webhooks specification.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String MESSAGE_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final String PAYLOAD = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsTheSpecificationsTestVectorAsExpected() throws Exception {
        assertThat(new Webhook(SECRET).sign(MESSAGE_ID, TIMESTAMP, PAYLOAD)).isEqualTo(SIGNATURE);
    }

    @Test
    void refusesTheTestVectorBecauseItsTimestampIsYearsOld() {
        assertThat(verify(List.of(SECRET), PAYLOAD, MESSAGE_ID, TIMESTAMP, SIGNATURE))
                .isFalse();
    }

    @Test
    void acceptsAFreshSignatureByAnyOfThePartnersSecrets() throws Exception {
        long now = Instant.now().getEpochSecond();
        String other = "whsec_" + java.util.Base64.getEncoder().encodeToString("another secret".getBytes());
        String signature = new Webhook(other).sign(MESSAGE_ID, now, PAYLOAD);

        assertThat(verify(List.of(SECRET, other), PAYLOAD, MESSAGE_ID, now, signature))
                .isTrue();
        assertThat(verify(List.of(SECRET), PAYLOAD, MESSAGE_ID, now, signature)).isFalse();
    }

    @Test
    void acceptsOneMatchingSignatureAmongSeveral() throws Exception {
        long now = Instant.now().getEpochSecond();
        String good = new Webhook(SECRET).sign(MESSAGE_ID, now, PAYLOAD);

        assertThat(verify(List.of(SECRET), PAYLOAD, MESSAGE_ID, now, "v1,bm90IGl0 " + good))
                .isTrue();
    }

    @Test
    void refusesATamperedPayloadAndATimestampOutsideFiveMinutes() throws Exception {
        long now = Instant.now().getEpochSecond();
        String signature = new Webhook(SECRET).sign(MESSAGE_ID, now, PAYLOAD);
        String late = new Webhook(SECRET).sign(MESSAGE_ID, now - 301, PAYLOAD);
        String early = new Webhook(SECRET).sign(MESSAGE_ID, now + 301, PAYLOAD);

        assertThat(verify(List.of(SECRET), "{\"test\": 1}", MESSAGE_ID, now, signature))
                .isFalse();
        assertThat(verify(List.of(SECRET), PAYLOAD, MESSAGE_ID, now - 301, late))
                .isFalse();
        assertThat(verify(List.of(SECRET), PAYLOAD, MESSAGE_ID, now + 301, early))
                .isFalse();
        assertThat(verify(List.of(SECRET), PAYLOAD, "msg_other", now, signature))
                .isFalse();
    }

    @Test
    void reportsEverySchemaViolationWithItsPointer() throws Exception {
        var body = NoticeJson.mapper().readTree("""
                {"externalId": "bad id!", "kind": "rumour", "surprise": 1,
                 "translations": {"ar": {"bodyHtml": "<p>x</p>"}}}
                """);

        List<PushRequests.FieldError> errors = PushRequests.validate(body);

        assertThat(errors)
                .extracting(PushRequests.FieldError::pointer)
                .contains("/externalId", "/kind", "/translations/ar");
        assertThat(errors).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void acceptsTheIssuesExampleNotice() throws Exception {
        var body = NoticeJson.mapper().readTree("""
                {"externalId": "irc-2026-0042", "kind": "notice", "urgency": "normal",
                 "publishedAt": "2026-11-26T10:00:00Z", "expiresAt": null, "categories": ["asylum"],
                 "translations": {"en": {"title": "Asylum office closed", "bodyHtml": "<p>Closed on Friday.</p>",
                                         "url": "https://www.refugee.info/greece/asylum-office"},
                                  "ar": {"title": "مكتب اللجوء مغلق", "bodyHtml": "<p>مغلق يوم الجمعة.</p>"}}}
                """);

        assertThat(PushRequests.validate(body)).isEmpty();
    }

    private static boolean verify(List<String> secrets, String payload, String id, long timestamp, String signature) {
        return PushRequests.verify(
                secrets,
                payload.getBytes(StandardCharsets.UTF_8),
                Map.of(
                        "webhook-id", List.of(id),
                        "webhook-timestamp", List.of(String.valueOf(timestamp)),
                        "webhook-signature", List.of(signature)));
    }

    @Test
    void refusesADateThatIsNoDateAndAnOriginalLanguageWithoutTranslation() throws Exception {
        var badDate = NoticeJson.mapper().readTree("""
                {"externalId": "x", "publishedAt": "yesterday", "translations": {"en": {"title": "T"}}}
                """);
        var orphan = NoticeJson.mapper().readTree("""
                {"externalId": "x", "originalLanguage": "fr", "translations": {"en-GB": {"title": "T"}}}
                """);
        var fine = NoticeJson.mapper().readTree("""
                {"externalId": "x", "originalLanguage": "en", "translations": {"en-GB": {"title": "T"}}}
                """);

        assertThat(PushRequests.crossCheck(badDate))
                .extracting(PushRequests.FieldError::pointer)
                .containsExactly("/publishedAt");
        assertThat(PushRequests.crossCheck(orphan))
                .extracting(PushRequests.FieldError::pointer)
                .containsExactly("/originalLanguage");
        assertThat(PushRequests.crossCheck(fine)).isEmpty();
        assertThat(PushRequests.pointer("$.categories[1]")).isEqualTo("/categories/1");
    }
}
