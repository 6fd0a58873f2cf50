package gr.accmr.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Refugee.Info's service map in Directus flows through Kafka to the archive and the mobile feeds:
 * each service a notice of kind {@code service} with its location and all its translations.
 */
class DirectusToChannelsIT extends HubITSupport {

    private static final String ROUTE = "partner.refugee-info-services";
    private static final String PATH = "/directus/refugee-info/items/services";
    private static final String TOKEN = "it-directus-token";
    private static final String LEGAL_AID = "service-map:1201";
    private static final String CLINIC = "service-map:1202";

    @Autowired
    CamelContext camel;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void addThePartnerOnce() throws Exception {
        if (camel.getRoute(ROUTE) != null) {
            return;
        }
        // Without the token Directus answers as it does: 401.
        PARTNERS.stubFor(get(urlPathEqualTo(PATH))
                .atPriority(9)
                .willReturn(aResponse().withStatus(401).withBody("{\"errors\":[{\"message\":\"Forbidden\"}]}")));
        // Incremental polls after the first find nothing new.
        PARTNERS.stubFor(authorized().atPriority(5).willReturn(data("")));
        // The first poll: published items, the updated ones by date_updated, the others by date_created.
        PARTNERS.stubFor(authorized()
                .atPriority(1)
                .withQueryParam("sort", equalTo("date_updated,id"))
                .withQueryParam("filter[_and][0][status][_eq]", equalTo("published"))
                .willReturn(data(resource("directus/legal-aid.json"))));
        PARTNERS.stubFor(authorized()
                .atPriority(1)
                .withQueryParam("sort", equalTo("date_created,id"))
                .withQueryParam("filter[_and][0][status][_eq]", equalTo("published"))
                .willReturn(data(resource("directus/health-clinic.json"))));

        TemplatedRouteBuilder.builder(camel, "directus-partner")
                .routeId(ROUTE)
                .parameter("partner", "service-map")
                .parameter("baseUrl", PARTNERS.baseUrl() + "/directus/refugee-info")
                .parameter("token", TOKEN)
                .parameter("language", "en")
                .parameter("interval", "2s")
                .parameter("allowPrivateNetwork", "true")
                .add();
    }

    @Test
    void deliversServicesWithTheirLocationAndArabicTranslationToTheArchiveAndTheMobileFeed() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(getJson("/api/v1/archive/notices?partner=service-map")).hasSize(2);
        });

        JsonNode legalAid = getJson("/api/v1/archive/notices/" + LEGAL_AID).get("notice");
        assertThat(legalAid.get("kind").asText()).isEqualTo("service");
        assertThat(legalAid.get("originalLanguage").asText()).isEqualTo("en");
        assertThat(legalAid.at("/location/point/type").asText()).isEqualTo("Point");
        assertThat(legalAid.at("/location/point/coordinates/0").asDouble()).isEqualTo(23.7352);
        assertThat(legalAid.at("/location/point/coordinates/1").asDouble()).isEqualTo(37.9836);
        assertThat(legalAid.at("/location/address").asText()).isEqualTo("Solonos 118, 106 81 Athens");
        List<String> languages = new ArrayList<>();
        legalAid.get("translations").fieldNames().forEachRemaining(languages::add);
        assertThat(languages).containsExactlyInAnyOrder("en", "ar", "fa", "ur", "uk", "fr", "el");
        assertThat(legalAid.at("/translations/ar/title").asText()).isEqualTo("مساعدة قانونية مجانية لطالبي اللجوء");
        assertThat(legalAid.at("/translations/ar/dir").asText()).isEqualTo("rtl");
        assertThat(legalAid.at("/translations/en/bodyHtml").asText()).doesNotContain("<script", "onclick");
        assertThat(legalAid.at("/source/route").asText()).isEqualTo(ROUTE);

        JsonNode clinic = getJson("/api/v1/archive/notices/" + CLINIC).get("notice");
        assertThat(clinic.get("kind").asText()).isEqualTo("service");
        assertThat(clinic.get("categories")).extracting(JsonNode::asText).containsExactly("health", "children");

        // The mobile feed has its own consumer group; it may lag behind the archive a little.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode arabicFeed = json(http("/feeds/ar.json", false).body());
            JsonNode item = item(arabicFeed, LEGAL_AID);
            assertThat(item.get("title").asText()).isEqualTo("مساعدة قانونية مجانية لطالبي اللجوء");
            assertThat(item.at("/_accmr/dir").asText()).isEqualTo("rtl");
            assertThat(item.at("/_accmr/kind").asText()).isEqualTo("service");
            assertThat(item(arabicFeed, CLINIC).get("title").asText()).isEqualTo("عيادة صحية مجتمعية في كيبسيلي");
        });
    }

    @Test
    void pollsAgainFromItsCheckpointWithTheTokenAndSendsNothingTwice() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> records("hub.inbound.raw", "service-map:").size() == 2);
        // An incremental poll names the cursor and no longer filters on status.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> PARTNERS.countRequestsMatching(getRequestedFor(urlPathEqualTo(PATH))
                                        .withQueryParam("filter[_and][0][_or][1][_and][1][id][_gt]", equalTo("1201"))
                                        .build())
                                .getCount()
                        >= 2);

        assertThat(records("hub.inbound.raw", "service-map:")).hasSize(2);
        assertThat(PARTNERS.countRequestsMatching(getRequestedFor(urlPathEqualTo(PATH))
                                .withoutHeader("Authorization")
                                .build())
                        .getCount())
                .isZero();
        Counter failures =
                meters.find("hub.partner.poll.failures").tag("route", ROUTE).counter();
        assertThat(failures == null ? 0 : failures.count()).isZero();
    }

    private static MappingBuilder authorized() {
        return get(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN));
    }

    private static ResponseDefinitionBuilder data(String items) {
        return WireMock.aResponse()
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"data\":[" + items + "]}");
    }

    private static JsonNode item(JsonNode feed, String id) {
        for (JsonNode item : feed.get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no item " + id + " in feed " + feed.get("feed_url"));
    }
}
