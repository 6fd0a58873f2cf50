package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The routes page and API: every Camel route with its figures and last error, the pipeline's
 * stages, and suspending and resuming either, for operators only and audited.
 */
class ConsoleRoutesIT extends HubITSupport {

    /** A partner whose server never answers: its route fails on every poll, and nothing waits for it. */
    private static final String ROUTE = "partner.offline";

    @Test
    void listsEveryRouteWithItsFiguresAndLastError() {
        JsonNode offline = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> route(json(request("GET", "/api/v1/admin/routes", "reader", OPERATOR_PASSWORD, null)
                                .body())),
                        route -> route.path("exchangesTotal").asLong() > 0
                                && !route.path("lastError").isMissingNode()
                                && !route.path("lastError").isNull());
        assertThat(offline.path("state").asText()).isEqualTo("Started");
        assertThat(offline.path("lastError").path("reason").asText()).contains("Connect");
        assertThat(offline.has("meanProcessingMillis")).isTrue();
        assertThat(offline.has("exchangesInflight")).isTrue();
        assertThat(http("/api/v1/admin/routes", false).statusCode()).isEqualTo(401);
        assertThat(request("GET", "/v3/api-docs", "admin", ADMIN_PASSWORD, null).body())
                .contains("/api/v1/admin/routes/{id}/suspend", "/api/v1/admin/routes/{id}/resume");
    }

    @Test
    void letsOperatorsSuspendAndResumeARouteThroughTheApi() {
        assertThat(request("POST", "/api/v1/admin/routes/" + ROUTE + "/suspend", "reader", OPERATOR_PASSWORD, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(request("POST", "/api/v1/admin/routes/no.such.route/suspend", "operator", OPERATOR_PASSWORD, null)
                        .statusCode())
                .isEqualTo(404);

        HttpResponse<String> suspended =
                request("POST", "/api/v1/admin/routes/" + ROUTE + "/suspend", "operator", OPERATOR_PASSWORD, null);
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
        assertThat(route(json(suspended.body())).path("state").asText()).isEqualTo("Suspended");
        HttpResponse<String> resumed =
                request("POST", "/api/v1/admin/routes/" + ROUTE + "/resume", "operator", OPERATOR_PASSWORD, null);
        assertThat(route(json(resumed.body())).path("state").asText()).isEqualTo("Started");

        JsonNode audit = json(request("GET", "/api/v1/admin/audit?limit=20", "admin", ADMIN_PASSWORD, null)
                .body());
        assertThat(audit.findValues("action")).extracting(JsonNode::asText).contains("route.suspend", "route.resume");
        assertThat(audit.findValues("target")).extracting(JsonNode::asText).contains("route:" + ROUTE);
    }

    @Test
    void showsRoutesAndStagesToViewersButLetsOnlyOperatorsSuspendThem() {
        ConsoleSession reader = new ConsoleSession(port);
        reader.signIn("reader", OPERATOR_PASSWORD);
        HttpResponse<String> page = reader.get("/console/routes");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-route=\"" + ROUTE + "\"", "data-stage=\"normalize.notices\"")
                .contains("href=\"/console/routes\"")
                .doesNotContain("action suspend");
        for (String action :
                new String[] {"/console/routes/" + ROUTE + "/suspend", "/console/stages/fanout.mobile/suspend"}) {
            assertThat(reader.get(action).statusCode()).as(action).isEqualTo(403);
            assertThat(reader.submit("/console/routes", action, Map.of()).statusCode())
                    .as(action)
                    .isEqualTo(403);
        }
        assertThat(new ConsoleSession(port).get("/console/routes").statusCode()).isEqualTo(302);

        ConsoleSession operator = new ConsoleSession(port);
        operator.signIn("operator", OPERATOR_PASSWORD);
        assertThat(operator.get("/console/routes/" + ROUTE + "/suspend").body())
                .contains("Suspend the route " + ROUTE + " on this instance?");
        HttpResponse<String> suspended =
                operator.submit("/console/routes", "/console/stages/fanout.mobile/suspend", Map.of());
        assertThat(suspended.statusCode()).isEqualTo(302);
        try {
            assertThat(stage("fanout.mobile")).isEqualTo("suspended");
            assertThat(operator.get("/console/routes").body()).contains("Stage fanout.mobile is suspended.");
        } finally {
            operator.submit("/console/routes", "/console/stages/fanout.mobile/resume", Map.of());
        }
        assertThat(stage("fanout.mobile")).isNotEqualTo("suspended");
        assertThat(operator.get("/console/routes/no.such.route/suspend").statusCode())
                .isEqualTo(404);
    }

    private String stage(String name) {
        for (JsonNode stage : json(request("GET", "/api/v1/admin/stages", "operator", OPERATOR_PASSWORD, null)
                .body())) {
            if (stage.path("stage").asText().equals(name)) {
                return stage.path("state").asText();
            }
        }
        throw new AssertionError("no stage " + name);
    }

    private static JsonNode route(JsonNode routes) {
        for (JsonNode route : routes) {
            if (route.path("id").asText().equals(ROUTE)) {
                return route;
            }
        }
        throw new AssertionError("no route " + ROUTE + " in " + routes);
    }
}
