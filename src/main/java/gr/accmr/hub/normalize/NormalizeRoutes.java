package gr.accmr.hub.normalize;

import gr.accmr.hub.normalize.internal.Normalizer;
import gr.accmr.hub.normalize.internal.NoticeVersions;
import gr.accmr.hub.normalize.internal.RawRecord;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeEvents;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.platform.ErrorPolicies;
import gr.accmr.hub.platform.KafkaEndpoints;
import gr.accmr.hub.platform.KafkaPublisher;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code hub.inbound.raw} → {@code hub.notices}: normalize each raw record, publish it as a
 * CloudEvent when its content changed, then commit.
 */
@Component
class NormalizeRoutes extends RouteBuilder {

    static final String ROUTE_ID = "normalize.notices";
    static final String GROUP_ID = "hub.normalize";

    private static final String NOTICE = "hubNotice";

    private final KafkaEndpoints kafka;
    private final Normalizer normalizer = new Normalizer();
    private final NoticeVersions versions;
    private final KafkaPublisher publisher;

    NormalizeRoutes(KafkaEndpoints kafka, KafkaPublisher publisher, JdbcTemplate jdbc) {
        this.kafka = kafka;
        this.publisher = publisher;
        this.versions = new NoticeVersions(jdbc);
    }

    @Override
    public void configure() {
        from(kafka.consume(kafka.rawTopic(), GROUP_ID))
                .routeId(ROUTE_ID)
                .routeConfigurationId(ErrorPolicies.DEAD_LETTER)
                .process(this::normalize)
                .filter(exchangeProperty(NOTICE).isNotNull())
                .process(this::publish)
                // Remember the version only once Kafka has it, then let the offset go.
                .process(exchange -> versions.published(exchange.getProperty(NOTICE, Notice.class)))
                .end()
                .process(KafkaEndpoints::commit);
    }

    private void normalize(Exchange exchange) {
        Optional<Notice> next = versions.next(normalizer.normalize(rawRecord(exchange.getMessage())));
        next.ifPresent(notice -> exchange.setProperty(NOTICE, notice));
    }

    static RawRecord rawRecord(Message message) {
        String key = message.getHeader(KafkaConstants.KEY, String.class);
        if (key == null) {
            throw new IllegalArgumentException("raw record has no key");
        }
        String receivedAt = header(message, RawHeaders.RECEIVED_AT);
        return new RawRecord(
                NoticeId.parse(key),
                required(message, RawHeaders.SOURCE),
                required(message, RawHeaders.CONTENT_TYPE),
                receivedAt == null ? Instant.now() : Instant.parse(receivedAt),
                header(message, RawHeaders.SOURCE_URL),
                header(message, RawHeaders.CONTENT_LANGUAGE),
                orDefault(header(message, RawHeaders.LANGUAGE), "en"),
                orDefault(header(message, RawHeaders.KIND), "news"),
                message.getBody(byte[].class),
                message.getHeader(KafkaConstants.TOPIC, String.class),
                message.getHeader(KafkaConstants.PARTITION, Integer.class),
                message.getHeader(KafkaConstants.OFFSET, Long.class));
    }

    /** Publishes the notice as a CloudEvent in binary mode and waits for Kafka's acknowledgement. */
    private void publish(Exchange exchange) {
        Notice notice = exchange.getProperty(NOTICE, Notice.class);
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
        publisher.send(KafkaMessageFactory.createWriter(kafka.noticesTopic(), notice.id())
                .writeBinary(event));
    }

    private static String required(Message message, String name) {
        String value = header(message, name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("raw record has no " + name + " header");
        }
        return value;
    }

    /** Kafka headers reach Camel as bytes; ours are UTF-8 text. */
    private static @Nullable String header(Message message, String name) {
        Object value = message.getHeader(name);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    private static String orDefault(@Nullable String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
