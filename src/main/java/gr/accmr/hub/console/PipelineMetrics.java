package gr.accmr.hub.console;

import gr.accmr.hub.platform.HubProperties;
import gr.accmr.hub.platform.KafkaFigures;
import gr.accmr.hub.platform.Stage;
import gr.accmr.hub.platform.Stages;
import gr.accmr.hub.review.ReviewQueue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Figures of the whole pipeline for {@code /actuator/prometheus}, read from Kafka and PostgreSQL
 * every {@code hub.metrics.refresh} (15 s) rather than at each scrape: {@code hub_stage_lag{stage,
 * topic}} (records each stage's consumer group still has to do), {@code hub_topic_records{topic}},
 * {@code hub_dead_letters_open}, {@code hub_review_awaiting{urgent}}, and per Camel route
 * {@code hub_route_exchanges{route, outcome}} (total, failed, inflight), {@code
 * hub_route_processing_mean_milliseconds{route}} and {@code hub_route_started{route}}. A figure that cannot be
 * read keeps its last value and the failure is logged once.
 */
@Component
class PipelineMetrics {

    private static final Logger log = LoggerFactory.getLogger(PipelineMetrics.class);

    private final KafkaFigures kafka;
    private final Stages stages;
    private final DeadLetters deadLetters;
    private final ReviewQueue review;
    private final HubProperties.Kafka topics;
    private final CamelRoutes routes;
    private final MultiGauge lags;
    private final MultiGauge records;
    private final MultiGauge exchanges;
    private final MultiGauge routeTimes;
    private final MultiGauge routesStarted;
    private final AtomicLong openDeadLetters = new AtomicLong();
    private final AtomicLong awaiting = new AtomicLong();
    private final AtomicLong awaitingUrgent = new AtomicLong();
    private volatile boolean failing;

    PipelineMetrics(
            KafkaFigures kafka,
            Stages stages,
            DeadLetters deadLetters,
            ReviewQueue review,
            CamelRoutes routes,
            HubProperties properties,
            MeterRegistry meters) {
        this.routes = routes;
        this.exchanges = MultiGauge.builder("hub.route.exchanges")
                .description("Exchanges of the Camel route since it started: total, failed, in flight")
                .register(meters);
        this.routeTimes = MultiGauge.builder("hub.route.processing.mean")
                .description("Mean processing time of the route's exchanges")
                .baseUnit("milliseconds")
                .register(meters);
        this.routesStarted = MultiGauge.builder("hub.route.started")
                .description("1 while the Camel route runs on this instance")
                .register(meters);
        this.kafka = kafka;
        this.stages = stages;
        this.deadLetters = deadLetters;
        this.review = review;
        this.topics = properties.kafka();
        this.lags = MultiGauge.builder("hub.stage.lag")
                .description("Records the stage's consumer group has not committed yet")
                .register(meters);
        this.records = MultiGauge.builder("hub.topic.records")
                .description("Records on the topic")
                .register(meters);
        meters.gauge("hub.dead.letters.open", openDeadLetters);
        meters.gauge("hub.review.awaiting", Tags.of("urgent", "false"), awaiting);
        meters.gauge("hub.review.awaiting", Tags.of("urgent", "true"), awaitingUrgent);
    }

    /** Per Camel route: partner pollers, mail, pushes; figures where Camel's management has them. */
    private void refreshRoutes() {
        List<MultiGauge.Row<?>> counts = new ArrayList<>();
        List<MultiGauge.Row<?>> times = new ArrayList<>();
        List<MultiGauge.Row<?>> started = new ArrayList<>();
        for (CamelRoutes.RouteStatus route : routes.statuses()) {
            started.add(MultiGauge.Row.of(
                    Tags.of("route", route.id()), route.state().equals("Started") ? 1 : 0));
            if (route.exchangesTotal() != null) {
                counts.add(MultiGauge.Row.of(Tags.of("route", route.id(), "outcome", "total"), route.exchangesTotal()));
            }
            if (route.exchangesFailed() != null) {
                counts.add(
                        MultiGauge.Row.of(Tags.of("route", route.id(), "outcome", "failed"), route.exchangesFailed()));
            }
            if (route.exchangesInflight() != null) {
                counts.add(MultiGauge.Row.of(
                        Tags.of("route", route.id(), "outcome", "inflight"), route.exchangesInflight()));
            }
            if (route.meanProcessingMillis() != null) {
                times.add(MultiGauge.Row.of(Tags.of("route", route.id()), route.meanProcessingMillis()));
            }
        }
        exchanges.register(counts, true);
        routeTimes.register(times, true);
        routesStarted.register(started, true);
    }

    @Scheduled(initialDelayString = "${hub.metrics.refresh:15s}", fixedDelayString = "${hub.metrics.refresh:15s}")
    void refresh() {
        try {
            Map<String, KafkaFigures.TopicOffsets> offsets = kafka.topics(topics.topics()).stream()
                    .collect(Collectors.toMap(KafkaFigures.TopicOffsets::topic, Function.identity()));
            records.register(
                    offsets.values().stream()
                            .map(topic -> MultiGauge.Row.of(Tags.of("topic", topic.topic()), topic.records()))
                            .toList(),
                    true);
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (Stage stage : stages.all()) {
                KafkaFigures.TopicOffsets topic = offsets.get(stage.topic());
                if (topic != null) {
                    rows.add(MultiGauge.Row.of(
                            Tags.of("stage", stage.name(), "topic", stage.topic()),
                            kafka.lag(stage.groupId(), topic).lag()));
                }
            }
            lags.register(rows, true);
            refreshRoutes();
            openDeadLetters.set(deadLetters.count(new DeadLetters.Filter(null, null, null, null, null, "open")));
            // Two counts in one query, not the waiting notices themselves.
            ReviewQueue.Waiting waiting = review.waiting();
            awaitingUrgent.set(waiting.urgent());
            awaiting.set(waiting.all() - waiting.urgent());
            if (failing) {
                log.info("Pipeline metrics are read again");
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn(
                        "Pipeline metrics keep their last values, Kafka or PostgreSQL did not answer: {}",
                        e.toString());
            }
            failing = true;
        }
    }
}
