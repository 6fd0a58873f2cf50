package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The review pages: the queue lists what a partner under review sent, urgent first and counted in
 * the navigation; an editor approves or rejects from a notice's page through the same decisions
 * as the admin API, a refused decision says why on the page, and a viewer reads but cannot act.
 */
class ConsoleReviewIT extends HubITSupport {

    @Test
    void listsAHeldNoticeAndAnEditorApprovesItFromItsPage() {
        String externalId = "console-review-" + UUID.randomUUID();
        String id = "desk:" + externalId;
        push(externalId, "urgent", "Water cut in Kypseli", "<b>Until 18:00</b>");
        awaitHeld(id, 1);

        ConsoleSession editor = signedIn("editor");
        HttpResponse<String> queue = editor.get("/console/review");
        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.body())
                .contains("data-id=\"" + id + "\"", "Water cut in Kypseli", "urgent")
                .containsPattern("href=\"/console/review\"[^>]*aria-current=\"page\"")
                .containsPattern("data-waiting=\"\\d+\" data-urgent=\"[1-9]\\d*\"");
        // Every signed-in page counts what waits, for every role.
        assertThat(signedIn("reader").get("/console/notices").body()).contains("class=\"badge waiting-count urgent\"");

        HttpResponse<String> page = editor.get("/console/review/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("lang=\"ar\" dir=\"rtl\" data-lang=\"ar\"", "lang=\"en\" dir=\"ltr\" data-lang=\"en\"")
                .contains("&lt;b&gt;Until 18:00&lt;/b&gt;")
                .doesNotContain("<b>Until 18:00</b>")
                .contains("No version of this notice was approved before", "held for review")
                .contains("class=\"approve-action\"");

        HttpResponse<String> approved =
                editor.submit("/console/review/" + id, "/console/review/" + id + "/approve", Map.of("version", "1"));

        assertThat(approved.statusCode()).isEqualTo(302);
        assertThat(editor.get("/console/review/" + id).body())
                .contains("Version 1 approved", "approved", "by editor")
                .doesNotContain("class=\"approve-action\"");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http("/feeds/en.json?partner=desk&limit=200", false)
                        .body()
                        .contains("\"" + id + "\""));
        assertThat(editor.get("/console/review").body()).doesNotContain("data-id=\"" + id + "\"");
        assertThat(getJson("/api/v1/admin/audit").findValuesAsText("target")).contains("notice:" + id);

        // Approving what was decided already says so on the page, not as an error page.
        editor.submit("/console/review/" + id, "/console/review/" + id + "/approve", Map.of("version", "1"));
        assertThat(editor.get("/console/review/" + id).body()).contains("Not decided, the notice moved on");
    }

    @Test
    void showsWhatChangedSinceTheApprovedVersion() {
        String externalId = "console-review-diff-" + UUID.randomUUID();
        String id = "desk:" + externalId;
        push(externalId, "normal", "Free lessons on Tuesdays", "Lessons.");
        awaitHeld(id, 1);
        assertThat(request(
                                "POST",
                                "/api/v1/admin/review/" + id + "/approve",
                                "editor",
                                OPERATOR_PASSWORD,
                                "{\"version\": 1}")
                        .statusCode())
                .isEqualTo(200);
        push(externalId, "normal", "Free lessons on Thursdays", "Lessons.");
        awaitHeld(id, 2);

        assertThat(signedIn("editor").get("/console/review/" + id).body())
                .contains("From the approved version 1 to version 2.")
                .contains("en · title", "Free lessons on Tuesdays", "Free lessons on Thursdays")
                .doesNotContain("ar · title");
    }

    @Test
    void refusesARejectionWithoutAReasonAndViewersEveryAction() {
        String externalId = "console-review-refused-" + UUID.randomUUID();
        String id = "desk:" + externalId;
        push(externalId, "normal", "Unchecked rumour", "Rumour.");
        awaitHeld(id, 1);
        String page = "/console/review/" + id;

        ConsoleSession reader = signedIn("reader");
        assertThat(reader.get(page).statusCode()).isEqualTo(200);
        assertThat(reader.get(page).body()).doesNotContain("class=\"approve-action\"", "class=\"reject-action\"");
        assertThat(reader.submit(page, page + "/approve", Map.of("version", "1"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(reader.submit(page, page + "/reject", Map.of("version", "1", "reason", "no"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(reader.get(page + "/edit").statusCode()).isEqualTo(403);

        ConsoleSession editor = signedIn("editor");
        HttpResponse<String> refused = editor.submit(page, page + "/reject", Map.of("version", "1", "reason", " "));
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(editor.get(page).body())
                .contains("Not rejected: a rejection needs a reason.")
                .contains("awaiting review");

        editor.submit(page, page + "/reject", Map.of("version", "1", "reason", "not verified"));
        assertThat(editor.get(page).body()).contains("Version 1 rejected", "by editor", "because not verified");
        assertThat(http("/feeds/en.json?partner=desk&limit=200", false).body()).doesNotContain("\"" + id + "\"");
    }

    @Test
    void keepsWhatTheEditorWroteWhenAnEditIsRefused() {
        String externalId = "console-review-edit-" + UUID.randomUUID();
        String id = "desk:" + externalId;
        push(externalId, "normal", "CLOSED", "Closed.");
        awaitHeld(id, 1);
        String page = "/console/review/" + id;
        ConsoleSession editor = signedIn("editor");
        HttpResponse<String> form = editor.get(page + "/edit");
        assertThat(form.body()).contains("name=\"title.en\"", "value=\"CLOSED\"", "name=\"title.ar\"");

        HttpResponse<String> refused = editor.submit(
                page + "/edit",
                page + "/approve",
                Map.of("version", "1", "edited", "true", "title.en", " ", "summary.en", "Reopens <Tuesday>"));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("Not decided: an edited title cannot be empty")
                .contains("Reopens &lt;Tuesday&gt;</textarea>");
        assertThat(editor.get(page).body()).contains("awaiting review");
    }

    private ConsoleSession signedIn(String user) {
        ConsoleSession session = new ConsoleSession(port);
        session.signIn(user, OPERATOR_PASSWORD);
        return session;
    }

    private void awaitHeld(String id, int version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> review = http("/api/v1/admin/review/" + id, true);
            return review.statusCode() == 200
                    && json(review.body()).at("/entry/state").asText().equals("awaiting")
                    && json(review.body()).at("/entry/version").asInt() == version;
        });
    }

    private void push(String externalId, String urgency, String title, String summary) {
        HttpResponse<String> pushed =
                SignedPush.push(port, "desk", PUSH_SECRET, """
                {"externalId": "%s", "kind": "notice", "urgency": "%s", "originalLanguage": "en",
                 "publishedAt": "2026-12-01T10:00:00Z",
                 "translations": {
                   "en": {"title": "%s", "summary": "%s", "bodyText": "Details follow."},
                   "ar": {"title": "انقطاع المياه", "bodyText": "التفاصيل لاحقا."}}}
                """.formatted(externalId, urgency, title, summary));
        assertThat(pushed.statusCode()).as(pushed.body()).isIn(200, 202);
    }
}
