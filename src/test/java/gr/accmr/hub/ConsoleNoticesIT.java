package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The notices page: the archive searched from the console, and a notice with its translations in
 * their own language and direction, what changed between its versions, and where it went.
 */
class ConsoleNoticesIT extends HubITSupport {

    @Test
    void findsANoticeAndShowsItsTranslationsVersionsAndJourney() {
        String externalId = "console-notice-" + UUID.randomUUID();
        String id = "irc-api:" + externalId;
        push(externalId, "Free legal aid on Tuesdays");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http("/api/v1/archive/notices/" + id, true).statusCode() == 200);
        push(externalId, "Free legal aid on Thursdays");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> getJson("/api/v1/archive/notices/" + id)
                                .at("/notice/version")
                                .asInt()
                        == 2);

        ConsoleSession reader = new ConsoleSession(port);
        reader.signIn("reader", OPERATOR_PASSWORD);
        HttpResponse<String> found = reader.get("/console/notices?partner=irc-api&q=Thursdays&kind=service");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("data-id=\"" + id + "\"", "href=\"/console/notices\"");
        assertThat(reader.get("/console/notices?partner=irc-api&q=Thursdays&kind=event")
                        .body())
                .doesNotContain("data-id=\"" + id + "\"");
        assertThat(reader.get("/console/notices?lang=ar&q=%D9%82%D8%A7%D9%86%D9%88%D9%86%D9%8A%D8%A9&partner=irc-api")
                        .body())
                .contains("data-id=\"" + id + "\"");
        assertThat(reader.get("/console/notices?lang=xx-not-a-language").body())
                .contains("The archive knows no such language or kind.");

        HttpResponse<String> notice = reader.get("/console/notices/" + id);
        assertThat(notice.statusCode()).isEqualTo(200);
        assertThat(notice.body())
                .contains("lang=\"ar\" dir=\"rtl\" data-lang=\"ar\"", "lang=\"en\" dir=\"ltr\" data-lang=\"en\"")
                // The partner's text is shown as text.
                .contains("&lt;b&gt;")
                .doesNotContain("<b>bold</b>")
                // What changed from version 1 to 2, in the English translation.
                .contains("en · title", "Free legal aid on Tuesdays", "Free legal aid on Thursdays")
                .contains("data-channel=\"archive\"", "outcome-delivered");
        assertThat(reader.get("/console/notices/irc-api:no-such-notice").statusCode())
                .isEqualTo(404);
        assertThat(new ConsoleSession(port).get("/console/notices").statusCode())
                .isEqualTo(302);
    }

    private void push(String externalId, String title) {
        HttpResponse<String> pushed = SignedPush.push(port, "irc-api", PUSH_SECRET, """
                {"externalId": "%s", "kind": "service", "originalLanguage": "en",
                 "publishedAt": "2026-12-01T10:00:00Z",
                 "translations": {
                   "en": {"title": "%s", "bodyText": "Lawyers answer questions. <b>bold</b>"},
                   "ar": {"title": "مساعدة قانونية مجانية", "bodyText": "يقدم المحامون استشارات قانونية مجانية."}}}
                """.formatted(externalId, title));
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(202);
    }
}
