package gr.accmr.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A partner that is down or serves a hostile feed fails its poll, is counted, and harms nothing
 * else: the hub stays healthy and no entity is ever resolved.
 */
class PartnerFailureIT extends HubITSupport {

    @Autowired
    MeterRegistry meters;

    @Test
    void countsEachFailedPollOfAnUnreachablePartnerAndStaysHealthy() {
        await().atMost(Duration.ofSeconds(30)).until(() -> failures("partner.offline") >= 1);
        JsonNode status = partnerStatus("offline");
        assertThat(status.get("consecutiveFailures").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(status.get("lastError").asText()).contains("Connection refused");
        assertThat(status.get("nextPollNotBefore").asText()).isNotBlank();
        var health = http("/actuator/health", false);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health.body()).get("status").asText()).isEqualTo("UP");
        var metrics = http("/actuator/prometheus", true);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("hub_partner_poll_failures_total{route=\"partner.offline\"}");
        assertThat(http("/actuator/prometheus", false).statusCode()).isEqualTo(401);
    }

    @Test
    void refusesExternalEntitiesAndEntityExpansionWithoutFetchingAnything() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> failures("partner.hostile") >= 1 && failures("partner.laughs") >= 1);
        assertThat(PARTNERS.countRequestsMatching(
                                getRequestedFor(urlPathEqualTo("/xxe-probe")).build())
                        .getCount())
                .isZero();
        assertThat(records("hub.inbound.raw", "hostile:")).isEmpty();
        assertThat(records("hub.inbound.raw", "laughs:")).isEmpty();
    }

    @Test
    void neverFetchesFromAPrivateAddressUnlessThePartnerIsAllowedTo() {
        await().atMost(Duration.ofSeconds(30)).until(() -> failures("partner.internal") >= 1);
        assertThat(PARTNERS.countRequestsMatching(getRequestedFor(urlPathEqualTo("/feeds/internal.xml"))
                                .build())
                        .getCount())
                .isZero();
        assertThat(partnerStatus("internal").get("lastError").asText()).contains("internal address");
    }

    private double failures(String route) {
        Counter counter =
                meters.find("hub.partner.poll.failures").tag("route", route).counter();
        return counter == null ? 0 : counter.count();
    }
}
