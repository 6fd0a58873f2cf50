package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Editorial review through the hub as it runs: a partner under review pushes, its notice is
 * archived and held, and reaches the mobile feed and the site only as an editor decides.
 */
class ReviewIT extends HubITSupport {

    private static final String NOTICE = """
            {"externalId": "%s", "kind": "notice", "publishedAt": "2026-11-26T10:00:00Z",
             "translations": {
               "en": {"title": "%s", "summary": "Opening hours change", "bodyHtml": "<p>%s</p>"},
               "ar": {"title": "تغيير ساعات العمل", "bodyHtml": "<p>ساعات جديدة.</p>"}}}
            """;

    @Test
    void archivesANoticeUnderReviewButShowsItOnlyOnceAnEditorApprovedItAndOnce() {
        String id = "desk:" + push("desk", "held-1", "Centre closed on Monday", "Closed.");

        await().atMost(Duration.ofSeconds(30)).until(() -> reviewState(id).equals("awaiting"));
        assertThat(http("/api/v1/archive/notices/" + id, true).statusCode()).isEqualTo(200);
        assertThat(journeyReview(id)).containsExactly("1 held");
        assertThat(json(http("/api/v1/admin/review", true).body()).findValuesAsText("noticeId"))
                .contains(id);
        assertThat(feedTitles("en", "desk")).doesNotContainKey(id);
        assertThat(http("/site/en/desk/held-1.html", false).statusCode()).isEqualTo(404);

        HttpResponse<String> approved = decide("editor", id, "approve", "{\"version\": 1}");

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> feedTitles("en", "desk").containsKey(id));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http("/site/en/desk/held-1.html", false).statusCode() == 200);
        assertThat(feedIds("en", "desk").stream().filter(id::equals)).hasSize(1);
        assertThat(journeyReview(id)).containsExactly("1 held", "1 approved by editor");
        // Decided once: a second approval, or a rejection after it, is a conflict.
        assertThat(decide("editor", id, "approve", "{\"version\": 1}").statusCode())
                .isEqualTo(409);
        assertThat(decide("editor", id, "reject", "{\"version\": 1, \"reason\": \"late\"}")
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    void neverShowsARejectedNoticeAndSaysWhoRejectedItAndWhy() {
        String rejected = "desk:" + push("desk", "rejected-1", "Unverified rumour", "Rumour.");
        String later = "desk:" + push("desk", "rejected-2", "Verified notice", "Verified.");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> reviewState(rejected).equals("awaiting")
                        && reviewState(later).equals("awaiting"));

        assertThat(decide("editor", rejected, "reject", "{\"version\": 1}").statusCode())
                .as("a rejection needs a reason")
                .isEqualTo(422);
        assertThat(decide("editor", rejected, "reject", "{\"version\": 1, \"reason\": \"not verified\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(decide("editor", later, "approve", "{\"version\": 1}").statusCode())
                .isEqualTo(200);

        // The approval made after the rejection shows; the rejected notice does not.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> feedTitles("en", "desk").containsKey(later));
        assertThat(feedTitles("en", "desk")).doesNotContainKey(rejected);
        assertThat(http("/site/en/desk/rejected-1.html", false).statusCode()).isEqualTo(404);
        assertThat(journeyReview(rejected)).containsExactly("1 held", "1 rejected by editor because not verified");
    }

    @Test
    void showsAnEditorsTextInTheChannelsAndKeepsThePartnersInTheArchive() {
        String id = "desk:" + push("desk", "edited-1", "CENTRE CLOSED!!!", "Closed on Monday.");
        await().atMost(Duration.ofSeconds(30)).until(() -> reviewState(id).equals("awaiting"));

        HttpResponse<String> approved = decide("editor", id, "approve", """
                {"version": 1, "edits": {"en": {"title": "Centre closed on Monday", "summary": "Reopens Tuesday"}}}
                """);

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> feedTitles("en", "desk").containsKey(id));
        assertThat(feedTitles("en", "desk").get(id)).isEqualTo("Centre closed on Monday");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http("/site/en/desk/edited-1.html", false).statusCode() == 200);
        assertThat(http("/site/en/desk/edited-1.html", false).body())
                .contains("Centre closed on Monday")
                .doesNotContain("CENTRE CLOSED!!!");
        assertThat(getJson("/api/v1/archive/notices/" + id)
                        .at("/notice/translations/en/title")
                        .asText())
                .isEqualTo("CENTRE CLOSED!!!");
        assertThat(getJson("/api/v1/admin/review/" + id)
                        .at("/steps/1/edits/en/title")
                        .asText())
                .isEqualTo("Centre closed on Monday");
        // An edit must name a translation the notice has.
        String other = "desk:" + push("desk", "edited-2", "Another", "Text.");
        await().atMost(Duration.ofSeconds(30)).until(() -> reviewState(other).equals("awaiting"));
        assertThat(decide("editor", other, "approve", "{\"version\": 1, \"edits\": {\"fr\": {\"title\": \"Autre\"}}}")
                        .statusCode())
                .isEqualTo(422);
    }

    @Test
    void appliesARetractionAtOnceAndAChangeThatKeepsTheTitleWhereThePartnerAllowsIt() {
        String id = "desk-lenient:" + push("desk-lenient", "lenient-1", "Food distribution", "At 10:00.");
        await().atMost(Duration.ofSeconds(30)).until(() -> reviewState(id).equals("awaiting"));
        assertThat(decide("editor", id, "approve", "{\"version\": 1}").statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> feedTitles("en", "desk-lenient").containsKey(id));

        // Same title, new text: applied without review.
        push("desk-lenient", "lenient-1", "Food distribution", "At 11:00 instead.");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http("/site/en/desk-lenient/lenient-1.html", false)
                        .body()
                        .contains("At 11:00 instead."));
        assertThat(journeyReview(id)).contains("2 applied-title-unchanged");

        // A new title: held again; the channels keep the last approved text.
        push("desk-lenient", "lenient-1", "Food distribution cancelled", "Cancelled.");
        await().atMost(Duration.ofSeconds(30)).until(() -> reviewState(id).equals("awaiting"));
        assertThat(feedTitles("en", "desk-lenient").get(id)).isEqualTo("Food distribution");

        // A retraction does not wait for anyone.
        assertThat(SignedPush.retract(port, "desk-lenient", PUSH_SECRET, "lenient-1")
                        .statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !feedTitles("en", "desk-lenient").containsKey(id));
        assertThat(reviewState(id)).isEqualTo("retracted");
    }

    @Test
    void letsViewersReadTheQueueButOnlyEditorsAndAboveDecide() {
        String id = "desk:" + push("desk", "access-1", "Access rules", "Text.");
        await().atMost(Duration.ofSeconds(30)).until(() -> reviewState(id).equals("awaiting"));

        assertThat(request("GET", "/api/v1/admin/review", "reader", OPERATOR_PASSWORD, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(decide("reader", id, "approve", "{\"version\": 1}").statusCode())
                .isEqualTo(403);
        assertThat(request("POST", "/api/v1/admin/review/" + id + "/approve", null, "", "{\"version\": 1}")
                        .statusCode())
                .isEqualTo(401);
        assertThat(decide("editor", id, "approve", "{\"version\": 2}").statusCode())
                .as("not the version under review")
                .isEqualTo(409);
        assertThat(decide("operator", id, "approve", "{\"version\": 1}").statusCode())
                .isEqualTo(200);
        assertThat(decide("editor", "desk:nothing-held", "approve", "{\"version\": 1}")
                        .statusCode())
                .isEqualTo(404);
        JsonNode audit = getJson("/api/v1/admin/audit");
        assertThat(audit.findValuesAsText("target")).contains("notice:" + id);
    }

    // --- helpers ---

    /** Pushes the notice as the partner; returns its external id. */
    private String push(String partner, String externalId, String title, String body) {
        HttpResponse<String> response =
                SignedPush.push(port, partner, PUSH_SECRET, NOTICE.formatted(externalId, title, body));
        assertThat(response.statusCode()).as(response.body()).isIn(200, 202);
        return externalId;
    }

    private HttpResponse<String> decide(String user, String id, String decision, String json) {
        String password = user.equals("admin") ? ADMIN_PASSWORD : OPERATOR_PASSWORD;
        return request("POST", "/api/v1/admin/review/" + id + "/" + decision, user, password, json);
    }

    private String reviewState(String id) {
        HttpResponse<String> response = http("/api/v1/admin/review/" + id, true);
        return response.statusCode() == 200
                ? json(response.body()).at("/entry/state").asText()
                : "none";
    }

    /** The review steps of the notice's journey: "version step[ by user][ because reason]". */
    private List<String> journeyReview(String id) {
        List<String> steps = new ArrayList<>();
        getJson("/api/v1/notices/" + id + "/journey")
                .get("versions")
                .forEach(version -> version.get("review")
                        .forEach(step -> steps.add(step.get("version").asInt() + " "
                                + step.get("step").asText()
                                + (step.hasNonNull("by")
                                        ? " by " + step.get("by").asText()
                                        : "")
                                + (step.hasNonNull("reason")
                                        ? " because " + step.get("reason").asText()
                                        : ""))));
        return steps;
    }

    private java.util.Map<String, String> feedTitles(String language, String partner) {
        java.util.Map<String, String> titles = new java.util.LinkedHashMap<>();
        json(http("/feeds/" + language + ".json?partner=" + partner + "&limit=200", false)
                        .body())
                .get("items")
                .forEach(item ->
                        titles.put(item.get("id").asText(), item.get("title").asText()));
        return titles;
    }

    private List<String> feedIds(String language, String partner) {
        return json(http("/feeds/" + language + ".json?partner=" + partner + "&limit=200", false)
                        .body())
                .get("items")
                .findValuesAsText("id");
    }
}
