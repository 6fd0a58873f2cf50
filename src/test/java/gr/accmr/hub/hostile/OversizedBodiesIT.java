package gr.accmr.hub.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Bodies far larger than anything a partner sends, declared or streamed, are refused with 413
 * before the hub holds them, and while it refuses them it stays healthy and goes on taking a
 * partner's pushes.
 */
class OversizedBodiesIT extends HostileITSupport {

    private static final long ONE_GIB = 1L << 30;

    private static final String ZENDESK_WEBHOOK = "/api/v1/webhooks/zendesk/refugee-info";

    @Test
    void refusesAGigabyteStreamedToTheZendeskWebhookWhileAnotherPartnersNoticesKeepArriving() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        AtomicBoolean attacking = new AtomicBoolean(true);
        // Attackers stream 1 GiB bodies, unsigned and without a Content-Length, one after another.
        List<CompletableFuture<List<RawAnswer>>> attackers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            attackers.add(CompletableFuture.supplyAsync(() -> {
                List<RawAnswer> answers = new ArrayList<>();
                do {
                    answers.add(rawPost(
                            ZENDESK_WEBHOOK,
                            Map.of("Content-Type", "application/json", "X-Zendesk-Webhook-Signature", "forged"),
                            ONE_GIB));
                } while (attacking.get() && answers.size() < 20);
                return answers;
            }));
        }

        // Meanwhile irc-api pushes, and health answers.
        List<String> pushed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String externalId = "during-attack-" + i + "-" + UUID.randomUUID();
            HttpResponse<String> accepted =
                    push("irc-api", NOTICE.formatted(externalId), "msg_" + UUID.randomUUID(), PUSH_SECRET);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            pushed.add("irc-api:" + externalId);
            assertHealthy();
        }
        attacking.set(false);

        List<RawAnswer> answers = new ArrayList<>();
        for (CompletableFuture<List<RawAnswer>> attacker : attackers) {
            answers.addAll(attacker.get());
        }
        assertThat(answers).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(413);
            assertThat(answer.headers().get("content-type")).startsWith("application/problem+json");
            assertThat(json(answer.body()).get("title").asText()).isEqualTo("Body too large");
            // Refused after the limit, not after the gigabyte: a few MiB at most got through the socket buffers.
            assertThat(answer.bytesSent()).isLessThan(64L << 20);
            assertThat(answer.took()).isLessThan(Duration.ofSeconds(10));
        });
        memory.gc();
        // Loose: 3 × 1 GiB were offered; what the hub kept of them must not show on a 512 MB heap.
        assertThat(memory.getHeapMemoryUsage().getUsed() - heapBefore).isLessThan(128L << 20);

        for (String id : pushed) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> http("/api/v1/archive/notices/" + id, true).statusCode() == 200);
        }
        assertHealthy();
    }

    @Test
    void refusesADeclaredGigabyteBeforeReadingAnyOfIt() {
        for (String path : List.of(
                ZENDESK_WEBHOOK,
                "/api/v1/webhooks/zendesk/nobody",
                "/api/v1/partners/irc-api/notices",
                "/api/v1/partners/irc-api/notice-batches",
                "/api/v1/admin/reprocess",
                "/feeds/en.json")) {
            RawAnswer answer = rawPost(
                    path, Map.of("Content-Type", "application/json", "Content-Length", String.valueOf(ONE_GIB)), 0);

            assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(413);
            assertThat(answer.headers().get("content-type")).startsWith("application/problem+json");
            assertThat(answer.took()).as(path).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void refusesAStreamedPushOverThePushLimitWithoutAContentLength() {
        RawAnswer answer = rawPost(
                "/api/v1/partners/irc-api/notices",
                Map.of(
                        "Content-Type", "application/json",
                        "webhook-id", "msg_" + UUID.randomUUID(),
                        "webhook-timestamp", "0",
                        "webhook-signature", "v1,forged"),
                ONE_GIB);

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.headers().get("content-type")).startsWith("application/problem+json");
    }

    @Test
    void refusesAWebhookBodyOverItsOwnLimitEvenWhenItsLengthIsDeclared() {
        // 300 KiB: under the general 1 MB, over the webhooks' 256 KB.
        RawAnswer answer = rawPost(
                ZENDESK_WEBHOOK,
                Map.of("Content-Type", "application/json", "Content-Length", String.valueOf(300 * 1024)),
                300 * 1024);

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
    }
}
