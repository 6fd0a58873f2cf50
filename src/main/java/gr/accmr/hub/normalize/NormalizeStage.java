package gr.accmr.hub.normalize;

import gr.accmr.hub.normalize.internal.Normalizer;
import gr.accmr.hub.normalize.internal.NoticeVersions;
import gr.accmr.hub.normalize.internal.Outcome;
import gr.accmr.hub.normalize.internal.RawRecord;
import gr.accmr.hub.notice.Classification;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.platform.KafkaEndpoints;
import gr.accmr.hub.platform.KafkaPublisher;
import gr.accmr.hub.platform.NoticeRecords;
import gr.accmr.hub.platform.PartnerClassifications;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the normalize stage does to one raw record, shared by the live route and reprocessing:
 * normalize, decide the version, and publish a changed notice as a CloudEvent.
 */
@Component
class NormalizeStage {

    private final Normalizer normalizer = new Normalizer();
    private final NoticeVersions versions;
    private final KafkaPublisher publisher;
    private final String noticesTopic;

    private final PartnerClassifications classifications;

    NormalizeStage(
            JdbcTemplate jdbc,
            KafkaPublisher publisher,
            KafkaEndpoints kafka,
            PartnerClassifications classifications,
            NormalizeProperties properties) {
        this.versions = new NoticeVersions(jdbc, properties.maxTranslations());
        this.classifications = classifications;
        this.publisher = publisher;
        this.noticesTopic = kafka.noticesTopic();
    }

    /**
     * The notices to publish after several outcomes for one notice, applied in order: at most one
     * new version, after a reserved one that a crash left unpublished. Each version is reserved in
     * the database before it is returned; publish it with {@link #publish}.
     */
    List<Notice> next(List<Outcome> outcomes) {
        return versions.next(outcomes);
    }

    /** {@link #next(List)} for the notices of a batch, with one read and one commit for all of them. */
    List<Notice> nextAll(java.util.Collection<List<Outcome>> perNotice) {
        return versions.nextAll(perNotice);
    }

    /** What a raw record says, in the hub's categories, kind and urgency as the partner's files say now. */
    Outcome outcome(RawRecord raw) {
        return outcome(raw, classifications::forPartner);
    }

    /**
     * {@link #outcome(RawRecord)} with the partners' classifications from {@code classification},
     * so a batch looks each partner's up once. Safe to call from several threads at once.
     */
    Outcome outcome(RawRecord raw, Function<String, Classification> classification) {
        Outcome outcome = normalizer.normalize(raw);
        if (outcome instanceof Outcome.Draft draft) {
            Notice classified = classification.apply(raw.id().partner()).apply(draft.notice());
            outcome = new Outcome.Draft(classified, draft.partial(), draft.removed());
        }
        return outcome;
    }

    /** The partner's classification as its route files say now. */
    Classification classification(String partner) {
        return classifications.forPartner(partner);
    }

    /**
     * Publishes the notices as CloudEvents and waits for Kafka's acknowledgement of all of them;
     * only then are their versions marked as published.
     */
    void publish(List<Notice> notices) {
        if (notices.isEmpty()) {
            return;
        }
        publisher.sendAll(notices.stream()
                .map(notice -> NoticeRecords.of(noticesTopic, notice))
                .toList());
        versions.published(notices);
    }

    /** The raw record a Kafka record of {@code hub.inbound.raw} carries. */
    static RawRecord rawRecord(ConsumerRecord<String, byte[]> record) {
        return rawRecord(
                record.key(),
                name -> {
                    Header header = record.headers().lastHeader(name);
                    return header == null || header.value() == null
                            ? null
                            : new String(header.value(), StandardCharsets.UTF_8);
                },
                record.value(),
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp());
    }

    /**
     * A raw record from its key, its headers (as text), where it sits on the raw topic and its
     * Kafka timestamp, which stands for the receiving time of a record that lacks the header.
     */
    static RawRecord rawRecord(
            @Nullable String key,
            Function<String, @Nullable String> headers,
            byte[] body,
            String topic,
            int partition,
            long offset,
            @Nullable Long timestamp) {
        if (key == null) {
            throw new IllegalArgumentException("raw record has no key");
        }
        String receivedAt = headers.apply(RawHeaders.RECEIVED_AT);
        if (receivedAt == null && timestamp == null) {
            throw new IllegalArgumentException(
                    "raw record has neither a " + RawHeaders.RECEIVED_AT + " header nor a timestamp");
        }
        return new RawRecord(
                NoticeId.parse(key),
                required(headers, RawHeaders.SOURCE),
                required(headers, RawHeaders.CONTENT_TYPE),
                receivedAt != null ? Instant.parse(receivedAt) : Instant.ofEpochMilli(timestamp),
                headers.apply(RawHeaders.SOURCE_URL),
                headers.apply(RawHeaders.CONTENT_LANGUAGE),
                orDefault(headers.apply(RawHeaders.LANGUAGE), "en"),
                orDefault(headers.apply(RawHeaders.KIND), "news"),
                body,
                topic,
                partition,
                offset);
    }

    private static String required(Function<String, @Nullable String> headers, String name) {
        String value = headers.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("raw record has no " + name + " header");
        }
        return value;
    }

    private static String orDefault(@Nullable String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
