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
import java.math.BigInteger;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * Subscribers receive one signed webhook per urgent notice, browsers one Web Push message; a
 * subscriber that keeps failing is disabled and reported, a browser the push service dropped forgotten.
 */
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

    @Test
    void aSubscriberThatDoesNotAnswerHoldsBackNoOtherAndIsToldToRetry() throws Exception {
        // Longer than hub.alerts.timeout (2 s in these tests).
        PARTNERS.stubFor(post(urlPathEqualTo("/alerts/slow"))
                .willReturn(aResponse().withStatus(204).withFixedDelay(6_000)));
        PARTNERS.stubFor(
                post(urlPathEqualTo("/alerts/quick")).willReturn(aResponse().withStatus(204)));
        long slow = subscribe("slow app", PARTNERS.baseUrl() + "/alerts/slow", "{\"partners\":[\"alerting\"]}")
                .at("/subscription/id")
                .asLong();
        subscribe("quick app", PARTNERS.baseUrl() + "/alerts/quick", "{\"partners\":[\"alerting\"]}");

        send(copy(notice("alerting:storm-1"), "alerting:storm-1", "urgent", 1));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !PARTNERS.findAll(postRequestedFor(urlPathEqualTo("/alerts/slow")))
                                .isEmpty()
                        && !PARTNERS.findAll(postRequestedFor(urlPathEqualTo("/alerts/quick")))
                                .isEmpty());
        // Sent side by side: the quick subscriber did not wait for the slow one's timeout.
        Instant slowAsked = PARTNERS.findAll(postRequestedFor(urlPathEqualTo("/alerts/slow")))
                .get(0)
                .getLoggedDate()
                .toInstant();
        Instant quickAsked = PARTNERS.findAll(postRequestedFor(urlPathEqualTo("/alerts/quick")))
                .get(0)
                .getLoggedDate()
                .toInstant();
        assertThat(Duration.between(slowAsked, quickAsked)).isLessThan(Duration.ofMillis(1500));
        // The slow one failed on the timeout and is tried again (after its back-off), not given up.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin("/api/v1/admin/alert-subscriptions/" + slow)
                                .path("failures")
                                .asInt()
                        >= 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> PARTNERS.findAll(postRequestedFor(urlPathEqualTo("/alerts/slow")))
                                .size()
                        >= 2);
    }

    @Test
    void refusesSubscribersOnAddressesThatAreNotGloballyReachable() {
        // Loopback is open to these tests (their receivers run there); everything else special is not.
        for (String url : List.of(
                "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/alerts", "http://[fd00:ec2::254]/")) {
            var refused = request(
                    "POST",
                    "/api/v1/admin/alert-subscriptions",
                    "admin",
                    ADMIN_PASSWORD,
                    "{\"name\":\"inside\",\"url\":\"" + url + "\"}");

            assertThat(refused.statusCode()).as(url + ": " + refused.body()).isEqualTo(422);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json(refused.body()).path("detail").asText())
                    .as(url)
                    .contains("internal address", "which no alert subscriber may use");
        }
        assertThat(admin("/api/v1/admin/alert-subscriptions").toString()).doesNotContain("inside");
    }

    @Test
    void pushesAnUrgentNoticeToABrowserEncryptedForItsKeysAndForgetsOneThePushServiceDropped() throws Exception {
        PARTNERS.stubFor(
                post(urlPathEqualTo("/push/browser-1")).willReturn(aResponse().withStatus(201)));
        PARTNERS.stubFor(post(urlPathEqualTo("/push/browser-gone"))
                .willReturn(aResponse().withStatus(410)));
        String serverKey = json(http("/api/v1/web-push/key", false).body())
                .path("applicationServerKey")
                .asText();
        Browser browser = new Browser();
        assertThat(browser.subscribe("/push/browser-1", "[\"el\", \"en\"]").statusCode())
                .isEqualTo(201);
        // Subscribing again is the same subscription.
        assertThat(browser.subscribe("/push/browser-1", "[\"el\", \"en\"]").statusCode())
                .isEqualTo(201);
        assertThat(new Browser().subscribe("/push/browser-gone", "null").statusCode())
                .isEqualTo(201);
        // Only a known push service, and keys of the sizes RFC 8291 gives.
        assertThat(request(
                                "POST",
                                "/api/v1/web-push/subscriptions",
                                null,
                                null,
                                browser.subscription("https://attacker.example.org/x", "null"))
                        .statusCode())
                .isEqualTo(422);
        assertThat(request(
                                "POST",
                                "/api/v1/web-push/subscriptions",
                                null,
                                null,
                                "{\"endpoint\":\"" + PARTNERS.baseUrl()
                                        + "/push/x\",\"keys\":{\"p256dh\":\"AAAA\",\"auth\":\"AAAA\"}}")
                        .statusCode())
                .isEqualTo(422);

        ConsumerRecord<String, byte[]> made = notice("alerting:flood-1");
        send(copy(made, "alerting:flood-1", "urgent", 1));
        send(copy(made, "alerting:flood-1", "urgent", 1));

        LoggedRequest push = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> PARTNERS.findAll(postRequestedFor(urlPathEqualTo("/push/browser-1"))).stream()
                                .filter(request -> browser.decrypt(request.getBody())
                                        .path("id")
                                        .asText()
                                        .equals("alerting:flood-1"))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(push.getHeader("Content-Encoding")).isEqualTo("aes128gcm");
        assertThat(push.getHeader("Urgency")).isEqualTo("high");
        assertThat(Integer.parseInt(push.getHeader("TTL"))).isPositive();
        String authorization = push.getHeader("Authorization");
        assertThat(authorization).startsWith("vapid t=").endsWith(", k=" + serverKey);
        String[] jwt = authorization
                .substring("vapid t=".length(), authorization.indexOf(','))
                .split("\\.");
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initVerify(Browser.publicKey(Base64.getUrlDecoder().decode(serverKey)));
        es256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(es256.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
        JsonNode claims = json(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
        assertThat(claims.path("aud").asText()).isEqualTo(PARTNERS.baseUrl());
        JsonNode message = browser.decrypt(push.getBody());
        assertThat(message.path("lang").asText()).isEqualTo("en");
        assertThat(message.path("title").asText()).isEqualTo("Heat wave: cooling centres open");
        // Once, though Kafka delivered the version twice.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> PARTNERS.findAll(postRequestedFor(urlPathEqualTo("/push/browser-1"))).stream()
                                .filter(request -> browser.decrypt(request.getBody())
                                        .path("id")
                                        .asText()
                                        .equals("alerting:flood-1"))
                                .count()
                        == 1);

        // A 410 means the browser is gone: the subscription is removed, not retried.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !admin("/api/v1/admin/alert-subscriptions?kind=web-push&limit=1000")
                        .toString()
                        .contains("/push/browser-gone"));
        assertThat(admin("/api/v1/admin/alert-subscriptions?kind=web-push&limit=1000")
                        .toString())
                .contains("/push/browser-1")
                .doesNotContain(browser.auth);
        assertThat(request(
                                "DELETE",
                                "/api/v1/web-push/subscriptions",
                                null,
                                null,
                                "{\"endpoint\":\"" + PARTNERS.baseUrl() + "/push/browser-1\"}")
                        .statusCode())
                .isEqualTo(204);
        assertThat(admin("/api/v1/admin/alert-subscriptions?kind=web-push&limit=1000")
                        .toString())
                .doesNotContain("/push/browser-1");
    }

    /** A browser's side of Web Push: its key pair and auth secret, and RFC 8291 decryption. */
    private final class Browser {

        private final KeyPair keys;
        private final byte[] authSecret = new byte[16];
        final String auth;

        Browser() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
            new SecureRandom().nextBytes(authSecret);
            auth = Base64.getUrlEncoder().withoutPadding().encodeToString(authSecret);
        }

        java.net.http.HttpResponse<String> subscribe(String path, String languages) {
            return request(
                    "POST",
                    "/api/v1/web-push/subscriptions",
                    null,
                    null,
                    subscription(PARTNERS.baseUrl() + path, languages));
        }

        String subscription(String endpoint, String languages) {
            return """
                    {"endpoint": "%s", "expirationTime": null, "keys": {"p256dh": "%s", "auth": "%s"}, "languages": %s}
                    """.formatted(
                    endpoint, Base64.getUrlEncoder().withoutPadding().encodeToString(uncompressed()), auth, languages);
        }

        private byte[] uncompressed() {
            ECPoint point = ((ECPublicKey) keys.getPublic()).getW();
            byte[] bytes = new byte[65];
            bytes[0] = 4;
            copy32(point.getAffineX(), bytes, 1);
            copy32(point.getAffineY(), bytes, 33);
            return bytes;
        }

        JsonNode decrypt(byte[] body) {
            try {
                ByteBuffer in = ByteBuffer.wrap(body);
                byte[] salt = new byte[16];
                in.get(salt);
                in.getInt();
                byte[] senderKey = new byte[in.get()];
                in.get(senderKey);
                byte[] cipherText = new byte[in.remaining()];
                in.get(cipherText);
                KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
                agreement.init(keys.getPrivate());
                agreement.doPhase(publicKey(senderKey), true);
                byte[] prkKey = hmac(authSecret, agreement.generateSecret());
                byte[] ikm = hmac(
                        prkKey,
                        concat(
                                "WebPush: info\0".getBytes(StandardCharsets.US_ASCII),
                                uncompressed(),
                                senderKey,
                                new byte[] {1}));
                byte[] prk = hmac(salt, ikm);
                byte[] cek = Arrays.copyOf(
                        hmac(prk, "Content-Encoding: aes128gcm\0\1".getBytes(StandardCharsets.US_ASCII)), 16);
                byte[] nonce =
                        Arrays.copyOf(hmac(prk, "Content-Encoding: nonce\0\1".getBytes(StandardCharsets.US_ASCII)), 12);
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
                byte[] padded = cipher.doFinal(cipherText);
                int end = padded.length - 1;
                while (padded[end] == 0) {
                    end--;
                }
                assertThat(padded[end]).as("last record's delimiter").isEqualTo((byte) 2);
                return json(new String(padded, 0, end, StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new AssertionError("cannot decrypt the push message", e);
            }
        }

        static PublicKey publicKey(byte[] uncompressed) throws GeneralSecurityException {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECPoint point = new ECPoint(
                    new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
                    new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
            return KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
        }

        private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        }

        private static byte[] concat(byte[]... parts) {
            ByteBuffer out = ByteBuffer.allocate(
                    Arrays.stream(parts).mapToInt(part -> part.length).sum());
            for (byte[] part : parts) {
                out.put(part);
            }
            return out.array();
        }

        private static void copy32(BigInteger value, byte[] into, int at) {
            byte[] bytes = value.toByteArray();
            int length = Math.min(bytes.length, 32);
            System.arraycopy(bytes, bytes.length - length, into, at + 32 - length, length);
        }
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
