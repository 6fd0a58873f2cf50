package gr.accmr.hub.normalize;

import gr.accmr.hub.normalize.internal.Normalizer;
import gr.accmr.hub.normalize.internal.NoticeVersions;
import gr.accmr.hub.normalize.internal.Outcome;
import gr.accmr.hub.normalize.internal.RawRecord;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeEvents;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.platform.KafkaEndpoints;
import gr.accmr.hub.platform.KafkaPublisher;
import gr.accmr.hub.platform.PartnerClassifications;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
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
            JdbcTemplate jdbc, KafkaPublisher publisher, KafkaEndpoints kafka, PartnerClassifications classifications) {
        this.versions = new NoticeVersions(jdbc);
        this.classifications = classifications;
        this.publisher = publisher;
        this.noticesTopic = kafka.noticesTopic();
    }

    /** The notice to publish for a raw record, or empty when readers would see nothing new. */
    Optional<Notice> next(RawRecord raw) {
        return versions.next(outcome(raw));
    }

    /** The notice to publish after several outcomes for one notice, applied in order: at most one version. */
    Optional<Notice> next(List<Outcome> outcomes) {
        return versions.next(outcomes);
    }

    /** What a raw record says, in the hub's categories, kind and urgency as the partner's files say now. */
    Outcome outcome(RawRecord raw) {
        Outcome outcome = normalizer.normalize(raw);
        if (outcome instanceof Outcome.Draft draft) {
            Notice classified = classifications.forPartner(raw.id().partner()).apply(draft.notice());
            outcome = new Outcome.Draft(classified, draft.partial(), draft.removed());
        }
        return outcome;
    }

    /** Publishes and waits for Kafka's acknowledgement; only then is the version remembered. */
    void publish(Notice notice) {
        Instant time = notice.updatedAt() != null
                ? notice.updatedAt()
                : notice.source().receivedAt();
        CloudEvent event = CloudEventBuilder.v1()
                .withId(NoticeEvents.eventId(notice))
                .withSource(URI.create(NoticeEvents.source(notice)))
                .withType(NoticeEvents.typeOf(notice))
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withSubject(notice.id())
                .withDataContentType("application/json")
                .withData(NoticeJson.write(notice))
                .build();
        publisher.send(
                KafkaMessageFactory.createWriter(noticesTopic, notice.id()).writeBinary(event));
        versions.published(notice);
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
