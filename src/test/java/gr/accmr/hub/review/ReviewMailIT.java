package gr.accmr.hub.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gr.accmr.hub.HubITSupport;
import gr.accmr.hub.SignedPush;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The editors hear of urgent notices awaiting review at once, and of everything waiting once a day, by e-mail. */
class ReviewMailIT extends HubITSupport {

    private static final String NOTICE = """
            {"externalId": "%s", "kind": "alert", "urgency": "%s", "publishedAt": "2026-11-26T10:00:00Z",
             "translations": {"en": {"title": "%s", "bodyText": "Details follow."}}}
            """;

    @Autowired
    ReviewMail mail;

    @Test
    void mailsTheEditorsOnceForAnUrgentNoticeHeldForReview() throws Exception {
        push("mail-urgent-1", "urgent", "Shelter evacuated tonight");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> withSubject("Shelter evacuated tonight").size() == 1);
        MimeMessage message = withSubject("Shelter evacuated tonight").get(0);
        assertThat(message.getSubject()).isEqualTo("Urgent notice awaiting review: Shelter evacuated tonight");
        assertThat(Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .map(Object::toString))
                .containsExactly(EDITORS);
        assertThat(body(message)).contains("desk", "/console/review/desk:mail-urgent-1");

        // A later urgent notice is mailed too; the first is not mailed again.
        push("mail-urgent-2", "urgent", "Water cut in Elaionas");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> withSubject("Water cut in Elaionas").size() == 1);
        assertThat(withSubject("Shelter evacuated tonight")).hasSize(1);
        // A notice that is not urgent waits for the digest.
        push("mail-normal-1", "normal", "Library hours");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> json(http("/api/v1/admin/review/desk:mail-normal-1", true)
                                .body())
                        .at("/entry/state")
                        .asText()
                        .equals("awaiting"));
        push("mail-urgent-3", "urgent", "Bus line suspended");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> withSubject("Bus line suspended").size() == 1);
        assertThat(withSubject("Library hours")).isEmpty();
    }

    @Test
    void sendsTheDigestOfWhatWaitsOnceADayAfterItsTime() throws Exception {
        push("mail-digest-1", "normal", "Language classes resume");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> json(http("/api/v1/admin/review/desk:mail-digest-1", true)
                                .body())
                        .at("/entry/state")
                        .asText()
                        .equals("awaiting"));
        ZoneId athens = ZoneId.of("Europe/Athens");

        // The digest is due at 23:59 (the tests' setting): not before, once after.
        assertThat(mail.digestIfDue(ZonedDateTime.of(2031, 1, 15, 23, 0, 0, 0, athens)))
                .isFalse();
        assertThat(mail.digestIfDue(ZonedDateTime.of(2031, 1, 15, 23, 59, 30, 0, athens)))
                .isTrue();
        assertThat(mail.digestIfDue(ZonedDateTime.of(2031, 1, 15, 23, 59, 50, 0, athens)))
                .isFalse();

        List<MimeMessage> digests = withSubject("awaiting review, 2031-01-15");
        assertThat(digests).hasSize(1);
        assertThat(body(digests.get(0)))
                .contains("Language classes resume (desk, held since ")
                .contains("/console/review/desk:mail-digest-1");
    }

    private void push(String externalId, String urgency, String title) {
        HttpResponse<String> response =
                SignedPush.push(port, "desk", PUSH_SECRET, NOTICE.formatted(externalId, urgency, title));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private static List<MimeMessage> withSubject(String text) {
        return Arrays.stream(EDITORS_MAIL.getReceivedMessages())
                .filter(message -> {
                    try {
                        return message.getSubject().contains(text);
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static String body(MimeMessage message) throws IOException, MessagingException {
        return message.getContent().toString();
    }
}
