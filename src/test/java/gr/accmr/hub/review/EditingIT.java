package gr.accmr.hub.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gr.accmr.hub.HubITSupport;
import gr.accmr.hub.SignedPush;
import gr.accmr.hub.platform.KafkaEndpoints;
import gr.accmr.hub.platform.KafkaPublisher;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** An approval that Kafka does not take decides nothing, and the editor hears so within seconds. */
class EditingIT extends HubITSupport {

    @Autowired
    ReviewQueue queue;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    KafkaEndpoints endpoints;

    @Test
    void refusesAnApprovalKafkaDoesNotTakeAndLeavesTheVersionAwaitingReview() {
        assertThat(SignedPush.push(port, "desk", PUSH_SECRET, """
                        {"externalId": "kafka-away-1", "translations": {"en": {"title": "Held", "bodyText": "x"}}}
                        """).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> queue.entry("desk:kafka-away-1")
                        .map(entry -> entry.state().equals(ReviewQueue.AWAITING))
                        .orElse(false));

        // A broker nobody answers at: the producer gives up after its bounds.
        try (KafkaPublisher.BoundedProducer away = new KafkaPublisher.BoundedProducer(
                "127.0.0.1:1",
                endpoints.producerSettings(),
                "it-review-away",
                Duration.ofSeconds(1),
                Duration.ofSeconds(2))) {
            Editing editing = new Editing(queue, away, transactions, endpoints.approvedTopic());
            long start = System.nanoTime();

            assertThatThrownBy(() -> editing.approve("desk:kafka-away-1", 1, "editor", Map.of()))
                    .isInstanceOfSatisfying(
                            Editing.Refused.class,
                            refused -> assertThat(refused.why()).isEqualTo(Editing.Refused.Why.UNAVAILABLE));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Editing.KAFKA_WAIT);
        }
        assertThat(queue.entry("desk:kafka-away-1").orElseThrow().state()).isEqualTo(ReviewQueue.AWAITING);
        assertThat(queue.steps("desk:kafka-away-1"))
                .extracting(ReviewQueue.Step::step)
                .containsExactly("held");
    }
}
