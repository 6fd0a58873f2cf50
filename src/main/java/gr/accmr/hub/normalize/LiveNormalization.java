package gr.accmr.hub.normalize;

import gr.accmr.hub.normalize.internal.Outcome;
import gr.accmr.hub.notice.Classification;
import gr.accmr.hub.platform.KafkaEndpoints;
import gr.accmr.hub.platform.PermanentFailure;
import gr.accmr.hub.platform.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * {@code hub.inbound.raw} → {@code hub.notices}, a batch at a time: normalize every record, fold
 * the records of one notice into at most one new version, publish all of them, and only then let
 * the platform commit.
 */
@Component
class LiveNormalization implements Stage {

    static final String NAME = "normalize.notices";
    static final String GROUP_ID = "hub.normalize";

    /** Smaller batches (a quiet day) are normalized on the stage's own thread. */
    private static final int PARALLEL_FROM = 8;

    private final NormalizeStage stage;
    private final String topic;

    LiveNormalization(NormalizeStage stage, KafkaEndpoints kafka) {
        this.stage = stage;
        this.topic = kafka.rawTopic();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public String groupId() {
        return GROUP_ID;
    }

    @Override
    public void process(List<ConsumerRecord<String, byte[]>> batch, Rejects rejects) {
        // Parsing, sanitizing and classifying read nothing but the record: a batch's records are
        // normalized side by side on the machine's cores, then taken in their order.
        Map<String, Classification> classifications = new ConcurrentHashMap<>();
        Object[] results = new Object[batch.size()];
        IntStream indexes = IntStream.range(0, batch.size());
        (batch.size() >= PARALLEL_FROM ? indexes.parallel() : indexes).forEach(i -> {
            ConsumerRecord<String, byte[]> record = batch.get(i);
            try {
                results[i] = stage.outcome(
                        NormalizeStage.rawRecord(record),
                        partner -> classifications.computeIfAbsent(partner, stage::classification));
            } catch (RuntimeException e) {
                results[i] = e;
            }
        });
        Map<String, List<Outcome>> byNotice = new LinkedHashMap<>();
        for (int i = 0; i < results.length; i++) {
            if (results[i] instanceof RuntimeException e) {
                // Normalizing reads nothing but the record: whatever fails here is the record's fault.
                rejects.reject(
                        batch.get(i), new PermanentFailure(e.getMessage() == null ? e.toString() : e.getMessage(), e));
                continue;
            }
            Outcome outcome = (Outcome) results[i];
            byNotice.computeIfAbsent(outcome.noticeId(), id -> new ArrayList<>())
                    .add(outcome);
        }
        stage.publish(stage.nextAll(byNotice.values()));
    }
}
