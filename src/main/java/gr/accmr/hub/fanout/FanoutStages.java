package gr.accmr.hub.fanout;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.platform.Failures;
import gr.accmr.hub.platform.KafkaEndpoints;
import gr.accmr.hub.platform.PermanentFailure;
import gr.accmr.hub.platform.Stage;
import gr.accmr.hub.platform.StageGroup;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notices → each channel, in its own consumer group: stage {@code fanout.<channel>}, group {@code
 * hub.fanout.<channel>}. The city's channels read {@code hub.notices.approved}, the archive {@code
 * hub.notices}. The platform commits after the channel took the batch.
 */
@Component
class FanoutStages implements StageGroup {

    private final List<Stage> stages;

    FanoutStages(
            KafkaEndpoints kafka, List<NoticeSink> sinks, DeliveryLedger ledger, TransactionTemplate transactions) {
        this.stages = sinks.stream()
                .<Stage>map(sink -> new ChannelStage(
                        sink, sink.reviewed() ? kafka.approvedTopic() : kafka.noticesTopic(), ledger, transactions))
                .toList();
    }

    @Override
    public List<Stage> stages() {
        return stages;
    }

    private record ChannelStage(NoticeSink sink, String topic, DeliveryLedger ledger, TransactionTemplate transactions)
            implements Stage {

        @Override
        public String name() {
            return "fanout." + sink.name();
        }

        @Override
        public String groupId() {
            return "hub.fanout." + sink.name();
        }

        @Override
        public void process(List<ConsumerRecord<String, byte[]>> batch, Rejects rejects) {
            List<Notice> notices = new ArrayList<>(batch.size());
            for (ConsumerRecord<String, byte[]> record : batch) {
                try {
                    // Channels show only what passes the notice rules again (see InertNotices).
                    notices.add(InertNotices.of(NoticeJson.read(record.value())));
                } catch (PermanentFailure e) {
                    rejects.reject(record, e);
                } catch (RuntimeException e) {
                    rejects.reject(record, new PermanentFailure("not a readable notice: " + e.getMessage(), e));
                }
            }
            try {
                if (sink.joinsTransaction()) {
                    // The ledger's lines commit with the channel's own writes: one commit per batch.
                    transactions.executeWithoutResult(status -> {
                        sink.acceptAll(notices);
                        ledger.delivered(sink, notices);
                    });
                } else {
                    sink.acceptAll(notices);
                    ledger.delivered(sink, notices);
                }
            } catch (RuntimeException e) {
                if (Failures.isTransient(e) || batch.size() > 1) {
                    // An outage waits; a bad notice in a batch is found by the platform, one record at a time.
                    throw e;
                }
                rejects.reject(batch.get(0), e);
                ledger.failed(sink, notices.get(0), Failures.describe(e));
            }
        }
    }
}
