package gr.accmr.hub.platform;

import gr.accmr.hub.platform.stage.DeadLetterWriter;
import gr.accmr.hub.platform.stage.StageRunner;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link Stage} of the hub, one thread each, and answers for them: their health (a
 * stage waiting for an outage to pass is {@code DEGRADED}, with the reason) and the replay of a
 * dead letter into exactly the stage it failed in.
 */
@Component("stages")
public class Stages implements SmartLifecycle, HealthIndicator {

    /** Health status of a stage that waits for something outside to come back. */
    public static final Status DEGRADED = new Status("DEGRADED", "waiting for an outage to pass");

    private static final Logger log = LoggerFactory.getLogger(Stages.class);

    private final Map<String, Stage> stages = new LinkedHashMap<>();
    private final KafkaBootstrap bootstrap;
    private final HubProperties.Consumer settings;
    private final DeadLetterWriter deadLetters;
    private final MeterRegistry meters;
    private final List<StageRunner> runners = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean started;

    Stages(
            ObjectProvider<Stage> stages,
            ObjectProvider<StageGroup> groups,
            KafkaBootstrap bootstrap,
            HubProperties properties,
            KafkaPublisher publisher,
            MeterRegistry meters) {
        stages.orderedStream().forEach(this::add);
        groups.orderedStream().flatMap(group -> group.stages().stream()).forEach(this::add);
        this.bootstrap = bootstrap;
        this.settings = properties.consumer();
        this.meters = meters;
        this.deadLetters = new DeadLetterWriter(
                publisher,
                properties.kafka().deadLetterTopic(),
                properties.kafka().maxRecordBytes(),
                meters);
    }

    private void add(Stage stage) {
        if (stages.putIfAbsent(stage.name(), stage) != null) {
            throw new IllegalStateException("two stages are named " + stage.name());
        }
    }

    /** The stage of this name, for a replay; empty when the hub has none. */
    public Optional<Stage> stage(String name) {
        return Optional.ofNullable(stages.get(name));
    }

    /**
     * Runs one record through one stage, on the caller's thread, as the stage's own loop would;
     * failures are thrown to the caller, classified by {@link Failures}.
     */
    public void replay(String name, ConsumerRecord<String, byte[]> record) {
        Stage stage = stage(name).orElseThrow(() -> new IllegalArgumentException("no stage '" + name + "'"));
        stage.process(List.of(record), (rejected, reason) -> {
            throw reason instanceof PermanentFailure permanent
                    ? permanent
                    : new PermanentFailure(Failures.describe(reason), reason);
        });
    }

    public List<StageRunner.Status> statuses() {
        synchronized (runners) {
            return runners.stream().map(StageRunner::status).toList();
        }
    }

    @Override
    public void start() {
        String instance = ManagementFactory.getRuntimeMXBean().getName();
        synchronized (runners) {
            for (Stage stage : stages.values()) {
                StageRunner runner = new StageRunner(
                        stage,
                        bootstrap.servers(),
                        new StageRunner.Settings(
                                settings.pollTimeout(),
                                settings.maxPollRecords(),
                                settings.retryDelay(),
                                settings.maxRetryDelay(),
                                stage.name() + "@" + instance),
                        deadLetters,
                        meters);
                Thread thread = new Thread(runner, "hub-stage-" + stage.name());
                runners.add(runner);
                threads.add(thread);
                thread.start();
            }
        }
        started = true;
        log.info("Started stages {}", stages.keySet());
    }

    @Override
    public void stop() {
        synchronized (runners) {
            runners.forEach(StageRunner::stop);
            for (Thread thread : threads) {
                try {
                    thread.join(TimeUnit.SECONDS.toMillis(15));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            runners.clear();
            threads.clear();
        }
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public Health health() {
        List<StageRunner.Status> statuses = statuses();
        boolean waiting = statuses.stream().anyMatch(status -> status.state().equals("waiting"));
        Health.Builder health = waiting ? Health.status(DEGRADED) : Health.up();
        for (StageRunner.Status status : statuses) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", status.state());
            if (status.reason() != null) {
                detail.put("reason", status.reason());
            }
            if (status.since() != null) {
                detail.put("since", status.since().toString());
            }
            detail.put("waits", status.waits());
            detail.put("records", status.records());
            detail.put("deadLetters", status.deadLetters());
            health.withDetail(status.stage(), detail);
        }
        return health.build();
    }
}
