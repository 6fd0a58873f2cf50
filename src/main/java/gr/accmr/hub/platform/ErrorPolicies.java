package gr.accmr.hub.platform;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The hub's error policies, declared once and bound to routes by id with {@code
 * routeConfigurationId(...)}.
 */
@Component
public class ErrorPolicies extends RouteConfigurationBuilder {

    /**
     * For Kafka consumers: retry with back-off, then move the original record to the dead-letter
     * topic with the error context and commit it, so the partition keeps flowing.
     */
    public static final String DEAD_LETTER = "hub.dead-letter";

    public static final String ERROR_STAGE = "hub.error.stage";
    public static final String ERROR_CLASS = "hub.error.class";
    public static final String ERROR_MESSAGE = "hub.error.message";
    public static final String ERROR_AT = "hub.error.at";
    public static final String ERROR_ATTEMPTS = "hub.error.attempts";
    public static final String ERROR_TOPIC = "hub.error.topic";
    public static final String ERROR_PARTITION = "hub.error.partition";
    public static final String ERROR_OFFSET = "hub.error.offset";

    private static final Logger log = LoggerFactory.getLogger(ErrorPolicies.class);
    private static final int MAX_MESSAGE = 1000;
    private static final String ATTEMPTS = "hubAttempts";

    private final KafkaEndpoints kafka;
    private final HubProperties.Consumer consumer;
    private final MeterRegistry meters;

    ErrorPolicies(KafkaEndpoints kafka, HubProperties properties, MeterRegistry meters) {
        this.kafka = kafka;
        this.consumer = properties.consumer();
        this.meters = meters;
    }

    @Override
    public void configuration() {
        routeConfiguration(DEAD_LETTER)
                .onException(Exception.class)
                .maximumRedeliveries(consumer.retries())
                .redeliveryDelay(consumer.retryDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                // Counted here because the original message restored below has no redelivery headers.
                .onExceptionOccurred(exchange ->
                        exchange.setProperty(ATTEMPTS, exchange.getProperty(ATTEMPTS, 0, Integer.class) + 1))
                .handled(true)
                // The dead letter carries the bytes as received, not whatever a stage made of them.
                .useOriginalMessage()
                .process(this::describeFailure)
                .to(kafka.produce(kafka.deadLetterTopic()))
                // Committed only once the dead letter is acknowledged: a crash before re-runs the record.
                .process(KafkaEndpoints::commit);
    }

    private void describeFailure(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        var message = exchange.getMessage();
        String stage = exchange.getFromRouteId();
        message.setHeader(ERROR_STAGE, stage);
        message.setHeader(
                ERROR_CLASS, failure == null ? "unknown" : failure.getClass().getName());
        message.setHeader(ERROR_MESSAGE, truncate(failure == null ? "" : String.valueOf(failure.getMessage())));
        message.setHeader(ERROR_AT, Instant.now().toString());
        message.setHeader(ERROR_ATTEMPTS, String.valueOf(exchange.getProperty(ATTEMPTS, 1, Integer.class)));
        message.setHeader(ERROR_TOPIC, message.getHeader(KafkaConstants.TOPIC, String.class));
        message.setHeader(ERROR_PARTITION, String.valueOf(message.getHeader(KafkaConstants.PARTITION)));
        message.setHeader(ERROR_OFFSET, String.valueOf(message.getHeader(KafkaConstants.OFFSET)));
        Object partner = message.getHeader("hub.partner");
        meters.counter(
                        "hub.dead.letters",
                        "stage",
                        stage,
                        "partner",
                        partner instanceof byte[] bytes
                                ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                                : "unknown")
                .increment();
        log.warn(
                "Record {} of {} failed in {} and goes to {}: {}",
                message.getHeader(KafkaConstants.OFFSET),
                message.getHeader(KafkaConstants.TOPIC),
                stage,
                kafka.deadLetterTopic(),
                message.getHeader(ERROR_MESSAGE));
    }

    private static String truncate(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }
}
