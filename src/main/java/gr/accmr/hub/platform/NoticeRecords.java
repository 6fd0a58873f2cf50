package gr.accmr.hub.platform;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeEvents;
import gr.accmr.hub.notice.NoticeJson;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A notice as a Kafka record: a CloudEvent in binary mode, keyed by the notice id, its JSON the value. */
public final class NoticeRecords {

    private NoticeRecords() {}

    public static ProducerRecord<String, byte[]> of(String topic, Notice notice) {
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
        return KafkaMessageFactory.createWriter(topic, notice.id()).writeBinary(event);
    }
}
