package gr.accmr.hub.platform;

import gr.accmr.hub.platform.stage.DeadLetterWriter;
import gr.accmr.hub.platform.stage.StageRunner;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
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
    private static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    private final Map<String, Running> running = new LinkedHashMap<>();
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

    /** Every stage of the hub, running or suspended. */
    public List<Stage> all() {
        return List.copyOf(stages.values());
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

    public List<StageStatus> statuses() {
        synchronized (running) {
            return stages.keySet().stream()
                    .map(name -> running.containsKey(name)
                            ? running.get(name).runner().status()
                            : new StageStatus(name, "suspended", null, null, 0, 0, 0, null))
                    .toList();
        }
    }

    /**
     * Stops a stage's consumer on this instance: it leaves its group, whose other members take
     * over its partitions; what it had not committed is redelivered. For operators, and for tests
     * that rewind a group.
     */
    public void suspend(String name) {
        stage(name).orElseThrow(() -> new IllegalArgumentException("no stage '" + name + "'"));
        synchronized (running) {
            Running stopped = running.remove(name);
            if (stopped != null) {
                stopped.stop();
                log.info("Suspended stage {}", name);
            }
        }
    }

    /** Starts a suspended stage again; nothing when it runs. */
    public void resume(String name) {
        Stage stage = stage(name).orElseThrow(() -> new IllegalArgumentException("no stage '" + name + "'"));
        synchronized (running) {
            if (!running.containsKey(name)) {
                launch(stage);
                log.info("Resumed stage {}", name);
            }
        }
    }

    @Override
    public void start() {
        synchronized (running) {
            stages.values().forEach(this::launch);
        }
        started = true;
        log.info("Started stages {}", stages.keySet());
    }

    private void launch(Stage stage) {
        StageRunner runner = new StageRunner(
                stage,
                bootstrap.servers(),
                new StageRunner.Settings(
                        settings.pollTimeout(),
                        settings.maxPollRecords(),
                        settings.retryDelay(),
                        settings.maxRetryDelay(),
                        stage.name() + "@" + INSTANCE),
                deadLetters,
                meters);
        Thread thread = new Thread(runner, "hub-stage-" + stage.name());
        running.put(stage.name(), new Running(runner, thread));
        thread.start();
    }

    @Override
    public void stop() {
        synchronized (running) {
            // All told at once, then waited for: each finishes its batch or leaves it for redelivery.
            running.values().forEach(each -> each.runner().stop());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            for (Running each : running.values()) {
                each.join(deadline);
            }
            running.clear();
        }
        started = false;
    }

    /** A stage's runner and the thread it runs on. */
    private record Running(StageRunner runner, Thread thread) {
        void stop() {
            runner.stop();
            join(System.nanoTime() + TimeUnit.SECONDS.toNanos(15));
        }

        void join(long deadline) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public Health health() {
        List<StageStatus> statuses = statuses();
        boolean waiting = statuses.stream().anyMatch(status -> status.state().equals("waiting"));
        Health.Builder health = waiting ? Health.status(DEGRADED) : Health.up();
        for (StageStatus status : statuses) {
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
