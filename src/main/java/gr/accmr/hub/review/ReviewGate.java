package gr.accmr.hub.review;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.platform.KafkaEndpoints;
import gr.accmr.hub.platform.KafkaPublisher;
import gr.accmr.hub.platform.PermanentFailure;
import gr.accmr.hub.platform.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code hub.notices} → {@code hub.notices.approved}, a batch at a time: a notice of a partner
 * publishing {@code auto} and every retraction pass at once, as they came; a notice of a partner
 * under review is held for an editor, unless it only changes an approved notice without touching
 * a title and the partner lets such changes through.
 *
 * <p>What passes is forwarded and acknowledged by Kafka before the batch's review state is written,
 * and that before the offsets are committed: a crash in between forwards the same versions again,
 * which the channels ignore, and never leaves a version recorded as applied that was not forwarded.
 */
@Component
class ReviewGate implements Stage {

    static final String NAME = "review.gate";
    static final String GROUP_ID = "hub.review";

    private final PartnerPolicies policies;
    private final ReviewQueue queue;
    private final KafkaPublisher publisher;
    private final TransactionTemplate transactions;
    private final String topic;
    private final String approvedTopic;

    ReviewGate(
            PartnerPolicies policies,
            ReviewQueue queue,
            KafkaPublisher publisher,
            TransactionTemplate transactions,
            KafkaEndpoints kafka) {
        this.policies = policies;
        this.queue = queue;
        this.publisher = publisher;
        this.transactions = transactions;
        this.topic = kafka.noticesTopic();
        this.approvedTopic = kafka.approvedTopic();
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
        List<ConsumerRecord<String, byte[]>> readable = new ArrayList<>(batch.size());
        List<Notice> notices = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, byte[]> record : batch) {
            try {
                notices.add(NoticeJson.read(record.value()));
                readable.add(record);
            } catch (RuntimeException e) {
                rejects.reject(record, new PermanentFailure("not a readable notice: " + e.getMessage(), e));
            }
        }
        Map<String, PartnerPolicies.Policy> byPartner = new HashMap<>();
        Map<String, ReviewQueue.Entry> entries = null;
        List<ProducerRecord<String, byte[]>> forward = new ArrayList<>();
        List<Runnable> writes = new ArrayList<>();
        Map<String, Integer> decided = new HashMap<>();
        for (int i = 0; i < notices.size(); i++) {
            Notice notice = notices.get(i);
            PartnerPolicies.Policy policy = byPartner.computeIfAbsent(notice.partner(), policies::of);
            if (policy.publishing() == ReviewProperties.Publishing.AUTO) {
                forward.add(copy(readable.get(i)));
                continue;
            }
            if (entries == null) {
                // Read only for batches that hold a notice under review: auto partners cost no query.
                entries = queue.entries(
                        notices.stream().map(Notice::id).distinct().toList());
            }
            ReviewQueue.Entry entry = entries.get(notice.id());
            int known = Math.max(entry == null ? 0 : entry.version(), decided.getOrDefault(notice.id(), 0));
            if (notice.version() <= known) {
                // Redelivered, or older than what review already has: decided before.
                continue;
            }
            decided.put(notice.id(), notice.version());
            if (notice.status() == Notice.Status.RETRACTED) {
                forward.add(copy(readable.get(i)));
                writes.add(() -> queue.retracted(notice));
            } else if (policy.updates() == ReviewProperties.Updates.AUTO_UNLESS_TITLE
                    && entry != null
                    && entry.approvedNotice() != null
                    && sameTitles(entry.approvedNotice(), notice)) {
                forward.add(copy(readable.get(i)));
                writes.add(() -> queue.appliedWithoutReview(notice));
            } else {
                writes.add(() -> queue.hold(notice));
            }
        }
        publisher.sendAll(forward);
        if (!writes.isEmpty()) {
            transactions.executeWithoutResult(status -> writes.forEach(Runnable::run));
        }
    }

    /** Every language keeps its title, and none is added: the change is in the text only. */
    static boolean sameTitles(Notice approved, Notice changed) {
        Map<String, String> before = new HashMap<>();
        approved.translations().forEach((language, translation) -> before.put(language, translation.title()));
        Map<String, String> after = new HashMap<>();
        changed.translations().forEach((language, translation) -> after.put(language, translation.title()));
        return before.keySet().containsAll(after.keySet())
                && after.entrySet().stream().allMatch(title -> title.getValue().equals(before.get(title.getKey())));
    }

    /** The record as it came, headers and all, for the approved topic. */
    private ProducerRecord<String, byte[]> copy(ConsumerRecord<String, byte[]> record) {
        return new ProducerRecord<>(approvedTopic, null, record.key(), record.value(), record.headers());
    }
}
