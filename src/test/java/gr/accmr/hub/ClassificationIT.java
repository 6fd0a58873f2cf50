package gr.accmr.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A partner's categories, kind and urgency come from its route file as it is now: a corrected file
 * and a reprocessing run re-classify the notices already published; a malformed one is refused.
 */
class ClassificationIT extends HubITSupport {

    @Autowired
    CamelContext camel;

    @Test
    void mapsCategoriesKindAndUrgencyAsThePartnerFileSays() throws Exception {
        PARTNERS.stubFor(get(urlPathEqualTo("/classified/athens.xml"))
                .willReturn(aResponse().withBody(resource("feeds/athens-el.rss.xml"))));
        Path file = ROUTES_DIR.resolve("athens-classified.yaml");

        Files.writeString(file, definition("ΕΚΠΑΙΔΕΥΣΗ=education", "education=event", "ωράριο"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(getJson("/api/v1/archive/notices?partner=athens-classified"))
                        .hasSize(2));
        JsonNode lessons = notice("athens-2026-101");
        assertThat(lessons.get("categories").get(0).asText()).isEqualTo("education");
        assertThat(lessons.get("kind").asText()).isEqualTo("event");
        assertThat(lessons.get("urgency").asText()).isEqualTo("normal");
        JsonNode hours = notice("athens-2026-102");
        assertThat(hours.get("kind").asText()).isEqualTo("news");
        assertThat(hours.get("urgency").asText())
                .as("its title has an urgent word")
                .isEqualTo("urgent");

        // A malformed file is refused with its reason; the last good one keeps running.
        Files.writeString(file, definition("ΕΚΠΑΙΔΕΥΣΗ=education", "education=party", ""));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(partnerRoutesHealth()
                                .at("/details/invalid")
                                .path("athens-classified.yaml")
                                .asText())
                        .contains("party"));

        // Corrected, then reprocessed: the published notices take the new classification.
        Files.writeString(file, definition("Εκπαίδευση=learning", "", ""));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                partnerRoutesHealth().at("/details/invalid").has("athens-classified.yaml"))
                        .isFalse());
        var started = postJson(
                "/api/v1/admin/reprocess",
                "{\"partner\": \"athens-classified\", \"from\": \"2000-01-01T00:00:00Z\", \"to\": \"" + Instant.now()
                        + "\"}");
        assertThat(started.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode relearned = notice("athens-2026-101");
            assertThat(relearned.get("categories").get(0).asText()).isEqualTo("learning");
            assertThat(relearned.get("kind").asText()).isEqualTo("news");
            assertThat(notice("athens-2026-102").get("urgency").asText()).isEqualTo("normal");
        });

        Files.delete(file);
        await().atMost(Duration.ofSeconds(20)).until(() -> camel.getRoute("partner.athens-classified") == null);
    }

    private JsonNode notice(String externalId) {
        return getJson("/api/v1/archive/notices/athens-classified:" + externalId)
                .get("notice");
    }

    private static String definition(String categories, String kinds, String urgentWords) {
        return """
                - templatedRoute:
                    routeTemplateRef: rss-partner
                    routeId: partner.athens-classified
                    parameters:
                      - name: partner
                        value: athens-classified
                      - name: url
                        value: %s/classified/athens.xml
                      - name: interval
                        value: 1h
                      - name: allowPrivateNetwork
                        value: "true"
                      - name: categories
                        value: "%s"
                      - name: kinds
                        value: "%s"
                      - name: urgentWords
                        value: "%s"
                """.formatted(PARTNERS.baseUrl(), categories, kinds, urgentWords);
    }
}
