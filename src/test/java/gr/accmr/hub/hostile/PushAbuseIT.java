package gr.accmr.hub.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gr.accmr.hub.SignedPush;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a caller without a partner's secret, or with a captured request, can get out of the push API. */
class PushAbuseIT extends HostileITSupport {

    private static final String GUESSED_SECRET =
            "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]);

    @Test
    void answersAnUnknownPartnerExactlyLikeAWrongSignature() {
        String body = NOTICE.formatted("probe");
        String id = "msg_" + UUID.randomUUID();

        HttpResponse<String> wrongSignature = push("irc-api", body, id, GUESSED_SECRET);
        HttpResponse<String> unknownPartner = push("no-such-partner", body, id, GUESSED_SECRET);

        assertProblem(wrongSignature, 401);
        assertProblem(unknownPartner, 401);
        // Same status, same problem; only the echoed request path differs.
        assertThat(unknownPartner.body().replace("no-such-partner", "irc-api")).isEqualTo(wrongSignature.body());
        assertThat(unknownPartner.headers().map().keySet())
                .containsExactlyInAnyOrderElementsOf(
                        wrongSignature.headers().map().keySet());
    }

    @Test
    void refusesAWebhookIdThatIsTooLongOrHasSpaces() {
        String body = NOTICE.formatted("long-id");

        assertProblem(push("irc-api", body, "msg_" + "x".repeat(300), PUSH_SECRET), 400);
        assertProblem(push("irc-api", body, "msg_with space", PUSH_SECRET), 400);
        assertThat(records("hub.inbound.raw", "irc-api:long-id")).isEmpty();
    }

    @Test
    void refusesASignedRetractionReplayedAgainstAnotherNotice() {
        for (String externalId : new String[] {"keep-me", "retract-me"}) {
            assertThat(push("irc-api", NOTICE.formatted(externalId), "msg_" + UUID.randomUUID(), PUSH_SECRET)
                            .statusCode())
                    .isEqualTo(202);
        }
        // A DELETE the partner signed for retract-me, sent to keep-me's path by whoever captured it.
        String signedFor = "{\"externalId\": \"retract-me\"}";
        HttpResponse<String> replayed = retract("keep-me", signedFor);
        assertProblem(replayed, 422);
        // The old form, an empty signed body, names no notice and is refused too.
        assertProblem(retract("keep-me", ""), 400);

        assertThat(retract("retract-me", signedFor).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> json(http("/api/v1/archive/notices/irc-api:retract-me", true)
                                .body())
                        .at("/notice/status")
                        .asText()
                        .equals("retracted"));
        assertThat(json(http("/api/v1/archive/notices/irc-api:keep-me", true).body())
                        .at("/notice/status")
                        .asText())
                .isEqualTo("published");
    }

    @Test
    void holdsOnlyAFewBatchBodiesAtOnceAndRefusesMoreBeforeReadingThem() throws Exception {
        // Callers without a secret announce 8 MB batches and send them slowly: the hub has to read a
        // body before it can check its signature, so it reads only hub.push.max-unverified-batches (4);
        // a batch that finds no place waits hub.push.unverified-batch-wait (1 s) and is refused.
        String head = "POST /api/v1/partners/irc-api/notice-batches HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 8000000\r\nwebhook-id: msg_slow\r\n"
                + "webhook-timestamp: 1\r\nwebhook-signature: v1,AAAA\r\n\r\n{\"notices\": [";
        String batch = "{\"notices\": [" + NOTICE.formatted("batch-after-the-flood") + "]}";
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket socket = new Socket("localhost", port);
                socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> busy = SignedPush.batch(
                        port,
                        "irc-api",
                        PUSH_SECRET,
                        "msg_" + UUID.randomUUID(),
                        batch.replace("batch-after-the-flood", "batch-during-the-flood"));
                assertProblem(busy, 503);
                assertThat(busy.headers().firstValue("Retry-After")).isPresent();
            });
            assertThat(records("hub.inbound.raw", "irc-api:batch-during-the-flood"))
                    .isEmpty();
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        // The slow bodies end with their connections, and batches are taken again.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                SignedPush.batch(port, "irc-api", PUSH_SECRET, "msg_" + UUID.randomUUID(), batch)
                                        .statusCode())
                        .isEqualTo(202));
    }

    private HttpResponse<String> retract(String externalId, String body) {
        return send(signed(
                        HttpRequest.newBuilder(uri("/api/v1/partners/irc-api/notices/" + externalId)),
                        body,
                        "msg_" + UUID.randomUUID(),
                        PUSH_SECRET)
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(body))
                .build());
    }
}
