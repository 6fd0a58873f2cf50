package gr.accmr.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** Subscribers receive one signed webhook per urgent notice; one that keeps failing is disabled and reported. */
class AlertsIT extends HubITSupport {

    private static final String ENTRY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>t</title><link>https://example.org/</link><description>d</description>
            <language>en</language><item><title>Heat wave: cooling centres open</title><guid>%s</guid>
            <description>Cooling centres are open today.</description></item></channel></rss>
            """;

    @Test
    void deliversEachUrgentNoticeOnceSignedAndDisablesASubscriberThatKeepsFailing() throws Exception {
        PARTNERS.stubFor(
                post(urlPathEqualTo("/alerts/ok")).willReturn(aResponse().withStatus(204)));
        PARTNERS.stubFor(
                post(urlPathEqualTo("/alerts/broken")).willReturn(aResponse().withStatus(500)));
        JsonNode good = subscribe("city app", PARTNERS.baseUrl() + "/alerts/ok", "{\"partners\":[\"alerting\"]}");
        JsonNode broken =
                subscribe("broken app", PARTNERS.baseUrl() + "/alerts/broken", "{\"partners\":[\"alerting\"]}");
        JsonNode other =
                subscribe("other partner only", PARTNERS.baseUrl() + "/alerts/ok", "{\"partners\":[\"someone-else\"]}");
        assertThat(request(
                                "POST",
                                "/api/v1/admin/alert-subscriptions",
                                "admin",
                                ADMIN_PASSWORD,
                                "{\"name\":\"x\",\"url\":\"javascript:alert(1)\"}")
                        .statusCode())
                .isEqualTo(422);

        // An urgent notice, sent twice (a redelivery), and a normal one.
        ConsumerRecord<String, byte[]> made = notice("alerting:heat-1");
        send(copy(made, "alerting:heat-1", "urgent", 1));
        send(copy(made, "alerting:heat-1", "urgent", 1));
        send(copy(made, "alerting:heat-1", "urgent", 2));
        send(copy(made, "alerting:calm-1", "normal", 1));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> PARTNERS.findAll(postRequestedFor(urlPathEqualTo("/alerts/ok")))
                                .size()
                        >= 1);
        // Delivered once: not again for the redelivered or edited version, nothing for the normal notice.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> PARTNERS.findAll(postRequestedFor(urlPathEqualTo("/alerts/ok")))
                                .size()
                        == 1);
        LoggedRequest delivery =
                PARTNERS.findAll(postRequestedFor(urlPathEqualTo("/alerts/ok"))).get(0);
        String body = delivery.getBodyAsString();
        Map<String, List<String>> headers = Map.of(
                "webhook-id", List.of(delivery.getHeader("webhook-id")),
                "webhook-timestamp", List.of(delivery.getHeader("webhook-timestamp")),
                "webhook-signature", List.of(delivery.getHeader("webhook-signature")));
        new Webhook(good.path("secret").asText()).verify(body, HttpHeaders.of(headers, (a, b) -> true));
        assertThat(json(body).at("/notice/id").asText()).isEqualTo("alerting:heat-1");
        assertThat(json(body).path("type").asText()).isEqualTo("gr.accmr.hub.notice.urgent");

        long brokenId = broken.at("/subscription/id").asLong();
        JsonNode disabled = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> admin("/api/v1/admin/alert-subscriptions/" + brokenId),
                        subscription -> subscription.path("state").asText().equals("disabled"));
        assertThat(disabled.path("disabledReason").asText()).contains("HTTP 500");
        assertThat(json(http("/actuator/health", true).body())
                        .at("/components/alerts/details/disabled")
                        .toString())
                .contains("broken app");
        assertThat(admin("/api/v1/admin/alert-subscriptions/"
                                        + other.at("/subscription/id").asLong())
                                .path("pending")
                                .asLong()
                        + admin("/api/v1/admin/alert-subscriptions/"
                                        + other.at("/subscription/id").asLong())
                                .path("delivered")
                                .asLong())
                .isZero();
        assertThat(admin("/api/v1/admin/alert-subscriptions").toString()).doesNotContain("whsec_");
    }

    private JsonNode subscribe(String name, String url, String filter) {
        String json =
                ((ObjectNode) json(filter)).put("name", name).put("url", url).toString();
        var response = request("POST", "/api/v1/admin/alert-subscriptions", "admin", ADMIN_PASSWORD, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response.body());
    }

    private JsonNode admin(String path) {
        return json(request("GET", path, "admin", ADMIN_PASSWORD, null).body());
    }

    /** A real notice made by the hub, to copy. */
    private ConsumerRecord<String, byte[]> notice(String id) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                "hub.inbound.raw",
                id,
                ENTRY.formatted(id.substring(id.indexOf(':') + 1)).getBytes(StandardCharsets.UTF_8));
        for (String[] header : new String[][] {
            {RawHeaders.PARTNER, "alerting"},
            {RawHeaders.SOURCE, "partner.alerting"},
            {RawHeaders.CONTENT_TYPE, RawHeaders.FEED_ENTRY},
            {RawHeaders.RECEIVED_AT, Instant.now().toString()},
            {RawHeaders.LANGUAGE, "en"}
        }) {
            record.headers().add(header[0], header[1].getBytes(StandardCharsets.UTF_8));
        }
        send(record);
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> records("hub.notices", id), found -> !found.isEmpty())
                .get(0);
    }

    private static ProducerRecord<String, byte[]> copy(
            ConsumerRecord<String, byte[]> made, String id, String urgency, int version) throws Exception {
        ObjectNode notice = (ObjectNode) NoticeJson.mapper().readTree(made.value());
        notice.put("id", id)
                .put("externalId", id.substring(id.indexOf(':') + 1))
                .put("urgency", urgency)
                .put("version", version);
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>("hub.notices", id, NoticeJson.mapper().writeValueAsBytes(notice));
        for (Header header : made.headers()) {
            record.headers().add(header);
        }
        return record;
    }
}
