package gr.accmr.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Partner files added, changed, broken and removed while the hub runs take effect within seconds. */
class RoutesReloadIT extends HubITSupport {

    @Autowired
    CamelContext camel;

    @Test
    void followsTheRoutesFolderWhileTheHubRuns() throws Exception {
        PARTNERS.stubFor(get(urlPathEqualTo("/reload/unhcr.xml"))
                .willReturn(aResponse().withBody(resource("feeds/rdf-en.rss1.xml"))));
        Path file = ROUTES_DIR.resolve("unhcr-greece.yaml");

        Files.writeString(file, definition("2s"));
        await().atMost(Duration.ofSeconds(20)).until(() -> camel.getRoute("partner.unhcr-greece") != null);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(getJson("/api/v1/archive/notices?partner=unhcr-greece"))
                        .hasSize(2));

        Files.writeString(file, definition("1h"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(routeDefinitionPeriod()).contains("1h"));

        Files.writeString(file, "- templatedRoute: [this is not a route");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(partnerRoutesHealth()
                                .at("/details/invalid/unhcr-greece.yaml")
                                .asText())
                        .isNotBlank());
        assertThat(camel.getRoute("partner.unhcr-greece"))
                .as("the last good definition keeps running")
                .isNotNull();
        assertThat(camel.getRoute("partner.athens"))
                .as("other partners are untouched")
                .isNotNull();

        Files.delete(file);
        await().atMost(Duration.ofSeconds(20)).until(() -> camel.getRoute("partner.unhcr-greece") == null);
        assertThat(partnerRoutesHealth().at("/details/invalid").size()).isZero();
    }

    @Test
    void refusesAFileThatWouldTakeOverAnotherPartnersRoute() throws Exception {
        String athensBefore = camel.getRoute("partner.athens").getEndpoint().getEndpointUri();
        Path copycat = ROUTES_DIR.resolve("copycat.yaml");

        Files.writeString(
                copycat, definition("5m").replace("routeId: partner.unhcr-greece", "routeId: partner.athens"));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(partnerRoutesHealth()
                                .at("/details/invalid/copycat.yaml")
                                .asText())
                        .contains("routeId partner.athens is already used by athens.yaml"));
        assertThat(camel.getRoute("partner.athens").getEndpoint().getEndpointUri())
                .isEqualTo(athensBefore);
        Files.delete(copycat);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                partnerRoutesHealth().at("/details/invalid").has("copycat.yaml"))
                        .isFalse());
    }

    /** The partner's timer URI, or empty in the instant between the old route's removal and the new one's start. */
    private String routeDefinitionPeriod() {
        var route = camel.getRoute("partner.unhcr-greece");
        return route == null ? "" : route.getEndpoint().getEndpointUri();
    }

    private static String definition(String interval) {
        return """
                - templatedRoute:
                    routeTemplateRef: rss-partner
                    routeId: partner.unhcr-greece
                    parameters:
                      - name: partner
                        value: unhcr-greece
                      - name: url
                        value: %s/reload/unhcr.xml
                      - name: interval
                        value: %s
                      - name: allowPrivateNetwork
                        value: "true"
                """.formatted(PARTNERS.baseUrl(), interval);
    }
}
