package gr.accmr.hub.normalize;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.platform.ErrorPolicies;
import gr.accmr.hub.platform.KafkaEndpoints;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.jspecify.annotations.Nullable;
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
    private final NormalizeStage stage;

    NormalizeRoutes(KafkaEndpoints kafka, NormalizeStage stage) {
        this.kafka = kafka;
        this.stage = stage;
    }

    @Override
    public void configure() {
        from(kafka.consume(kafka.rawTopic(), GROUP_ID))
                .routeId(ROUTE_ID)
                .routeConfigurationId(ErrorPolicies.DEAD_LETTER)
                .process(this::normalize)
                .filter(exchangeProperty(NOTICE).isNotNull())
                // Published and acknowledged, and its version remembered, before the offset goes.
                .process(exchange -> stage.publish(exchange.getProperty(NOTICE, Notice.class)))
                .end()
                .process(KafkaEndpoints::commit);
    }

    private void normalize(Exchange exchange) {
        Message message = exchange.getMessage();
        stage.next(NormalizeStage.rawRecord(
                        message.getHeader(KafkaConstants.KEY, String.class),
                        name -> header(message, name),
                        message.getBody(byte[].class),
                        message.getHeader(KafkaConstants.TOPIC, String.class),
                        message.getHeader(KafkaConstants.PARTITION, Integer.class),
                        message.getHeader(KafkaConstants.OFFSET, Long.class),
                        message.getHeader(KafkaConstants.TIMESTAMP, Long.class)))
                .ifPresent(notice -> exchange.setProperty(NOTICE, notice));
    }

    /** Kafka headers reach Camel as bytes; ours are UTF-8 text. */
    private static @Nullable String header(Message message, String name) {
        Object value = message.getHeader(name);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }
}
