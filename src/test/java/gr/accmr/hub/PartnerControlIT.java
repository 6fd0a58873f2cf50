package gr.accmr.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Operators pause, resume and hurry a partner's polling; the hub follows within seconds, audited. */
class PartnerControlIT extends HubITSupport {

    @Autowired
    CamelContext camel;

    @Test
    void pausesResumesAndPollsAPartnerNowAsOperatorsAsk() throws Exception {
        PARTNERS.stubFor(get(urlPathEqualTo("/control/sleepy.xml"))
                .willReturn(aResponse().withBody(resource("feeds/rdf-en.rss1.xml"))));
        Path file = ROUTES_DIR.resolve("sleepy.yaml");
        // Polled once an hour: any other poll within the test is one an operator asked for.
        Files.writeString(file, """
                - templatedRoute:
                    routeTemplateRef: rss-partner
                    routeId: partner.sleepy
                    parameters:
                      - name: partner
                        value: sleepy
                      - name: url
                        value: %s/control/sleepy.xml
                      - name: interval
                        value: 1h
                      - name: allowPrivateNetwork
                        value: true
                """.formatted(PARTNERS.baseUrl()));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> polls() == 1);

            assertThat(act("operator", "poll").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> polls() == 2);

            assertThat(act("reader", "pause").statusCode()).isEqualTo(403);
            assertThat(act("operator", "pause").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> status() == ServiceStatus.Stopped);
            assertThat(act("operator", "poll").statusCode()).as("paused").isEqualTo(409);
            assertThat(polls()).isEqualTo(2);

            // Resumed, the route starts again where it is led, and a started route polls at once.
            assertThat(act("operator", "resume").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> polls() == 3);
            assertThat(status()).isEqualTo(ServiceStatus.Started);

            assertThat(act("operator", "pause").statusCode()).isEqualTo(200);
            assertThat(act("operator", "poll", "nobody").statusCode()).isEqualTo(404);
            assertThat(getJson("/api/v1/admin/audit").findValuesAsText("action"))
                    .contains("partner.pause", "partner.resume", "partner.poll");
        } finally {
            act("operator", "resume");
            Files.delete(file);
        }
    }

    private int polls() {
        return PARTNERS.countRequestsMatching(
                        getRequestedFor(urlPathEqualTo("/control/sleepy.xml")).build())
                .getCount();
    }

    private ServiceStatus status() {
        return camel.getRouteController().getRouteStatus("partner.sleepy");
    }

    private java.net.http.HttpResponse<String> act(String user, String action) {
        return act(user, action, "sleepy");
    }

    private java.net.http.HttpResponse<String> act(String user, String action, String partner) {
        return request("POST", "/api/v1/admin/partners/" + partner + "/" + action, user, OPERATOR_PASSWORD, null);
    }
}
