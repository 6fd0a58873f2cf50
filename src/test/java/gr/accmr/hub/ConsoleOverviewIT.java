package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.platform.Stages;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The overview answers "is everything flowing, and if not, where and why": unhealthy components
 * first, then records per topic and the lag of each stage, in the page and in the admin API.
 */
class ConsoleOverviewIT extends HubITSupport {

    @Autowired
    Stages stages;

    @Test
    void showsEveryUnhealthyComponentWithItsReason() {
        // Components come and go as test partners fail and recover: what stays down must be listed.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> down = new ArrayList<>();
            json(http("/actuator/health", true).body())
                    .get("components")
                    .properties()
                    .forEach(component -> {
                        if (!component.getValue().get("status").asText().equals("UP")) {
                            down.add(component.getKey());
                        }
                    });
            List<String> listed = new ArrayList<>();
            overview()
                    .get("unhealthy")
                    .forEach(problem ->
                            listed.add(problem.get("component").asText().split("/")[0]));
            assertThat(listed).containsAll(down);
        });
    }

    @Test
    void showsTheLagOfAStageThatFellBehindUntilItCatchesUp() {
        String normalize = "normalize.notices";
        stages.suspend(normalize);
        try {
            String externalId = "overview-" + UUID.randomUUID();
            HttpResponse<String> pushed = SignedPush.push(port, "irc-api", PUSH_SECRET, """
                    {"externalId": "%s", "kind": "notice", "publishedAt": "2026-12-01T10:00:00Z",
                     "translations": {"en": {"title": "Overview lag", "bodyText": "Waiting for normalize."}}}
                    """.formatted(externalId));
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode stage = step(overview(), normalize);
                assertThat(stage.get("state").asText()).isEqualTo("suspended");
                assertThat(stage.get("lag").asLong()).isGreaterThanOrEqualTo(1);
            });
        } finally {
            stages.resume(normalize);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode overview = overview();
            assertThat(step(overview, normalize).get("state").asText()).isEqualTo("running");
            assertThat(step(overview, normalize).get("lag").asLong()).isZero();
            assertThat(step(overview, "hub.inbound.raw").get("records").asLong())
                    .isPositive();
        });
    }

    @Test
    void refreshesItsFiguresFromAFragmentEveryFewSeconds() {
        ConsoleSession reader = new ConsoleSession(port);
        reader.signIn("reader", OPERATOR_PASSWORD);

        String page = reader.get("/console").body();
        assertThat(page)
                .contains("hx-get=\"/console/overview/figures\"", "hx-trigger=\"every 5s\"")
                .containsPattern("src=\"/webjars/htmx\\.org/[0-9.]+/dist/htmx\\.min\\.js\"")
                .contains("hub.inbound.raw", "normalize.notices", "hub.notices", "fanout.website", "fanout.archive");

        HttpResponse<String> figures = reader.get("/console/overview/figures");
        assertThat(figures.statusCode()).isEqualTo(200);
        assertThat(figures.body().strip()).startsWith("<div id=\"figures\"").doesNotContain("<html");
        // Served by the hub itself, from its webjar: the console loads nothing from elsewhere.
        HttpResponse<String> htmx = reader.get("/webjars/htmx.org/dist/htmx.min.js");
        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    }

    @Test
    void sendsALivePartWhoseSessionEndedToTheSignInPageAsAWhole() {
        HttpResponse<String> expired =
                request("GET", "/console/overview/figures", null, "", null, "HX-Request", "true");

        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("HX-Redirect")).hasValue("/login");
        // A page the browser itself asks for still goes to the form the usual way.
        HttpResponse<String> page =
                request("GET", "/console/overview/figures", null, "", null, "Accept", "text/html,*/*;q=0.8");
        assertThat(page.statusCode()).isEqualTo(302);
    }

    @Test
    void letsEverySignedInRoleReadTheOverviewApi() {
        for (String user : new String[] {"reader", "operator"}) {
            HttpResponse<String> answer = request("GET", "/api/v1/admin/overview", user, OPERATOR_PASSWORD, null);
            assertThat(answer.statusCode()).as(user).isEqualTo(200);
        }
        assertThat(request("GET", "/api/v1/admin/overview", null, "", null).statusCode())
                .isEqualTo(401);
        JsonNode overview = overview();
        assertThat(overview.get("pipeline").findValuesAsText("name"))
                .containsSubsequence("hub.inbound.raw", "normalize.notices", "hub.notices");
        assertThat(overview.has("openDeadLetters")).isTrue();
        assertThat(overview.has("archivedNotices")).isTrue();
    }

    private JsonNode overview() {
        return getJson("/api/v1/admin/overview");
    }

    private static JsonNode step(JsonNode overview, String name) {
        for (JsonNode step : overview.get("pipeline")) {
            if (step.get("name").asText().equals(name)) {
                return step;
            }
        }
        throw new AssertionError("no step " + name + " in " + overview);
    }
}
