package gr.accmr.hub.platform.stage;

import gr.accmr.hub.platform.Failures;
import gr.accmr.hub.platform.Stage;
import gr.accmr.hub.platform.StageStatus;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Stage} on its own thread with the plain Kafka consumer, because the failure
 * policy needs what a per-record route cannot give: whole batches, and pausing the partitions
 * while something outside is down.
 *
 * <p>Per batch: process, dead-letter what failed permanently, commit. On a transient failure the
 * consumer pauses every assigned partition, seeks back to the start of the batch and keeps polling
 * (which returns nothing while paused, so the group never sees a member exceeding {@code
 * max.poll.interval.ms}); after a capped, jittered exponential back-off it resumes and tries the
 * batch again, for as long as the outage lasts.
 */
public final class StageRunner implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StageRunner.class);

    /** Timing of the poll loop and the back-off. */
    public record Settings(
            Duration pollTimeout, int maxPollRecords, Duration initialBackoff, Duration maxBackoff, String clientId) {}

    private final Stage stage;
    private final Settings settings;
    private final DeadLetterWriter deadLetters;
    private final KafkaConsumer<String, byte[]> consumer;
    private final IntervalFunction backoff;
    private final Counter waits;
    private final Counter processed;

    private volatile boolean running = true;
    private volatile @Nullable String reason;
    private volatile @Nullable Instant waitingSince;
    private volatile @Nullable Instant lastBatchAt;
    private volatile long deadLettered;
    private @Nullable Instant resumeAt;
    private int attempt;
    /** Records of the current batch already dead-lettered, so a retry after an outage does not write them again. */
    private final java.util.Set<ConsumerRecordId> lettered = new java.util.HashSet<>();

    private record ConsumerRecordId(String topic, int partition, long offset) {
        static ConsumerRecordId of(ConsumerRecord<?, ?> record) {
            return new ConsumerRecordId(record.topic(), record.partition(), record.offset());
        }
    }

    public StageRunner(
            Stage stage,
            String bootstrapServers,
            Settings settings,
            DeadLetterWriter deadLetters,
            MeterRegistry meters) {
        this.stage = stage;
        this.settings = settings;
        this.deadLetters = deadLetters;
        this.consumer = new KafkaConsumer<>(
                consumerConfig(stage, bootstrapServers, settings),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        this.backoff =
                IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0, 0.5, settings.maxBackoff());
        this.waits = meters.counter("hub.stage.waits", "stage", stage.name());
        this.processed = meters.counter("hub.stage.records", "stage", stage.name());
        meters.gauge(
                "hub.stage.waiting",
                List.of(io.micrometer.core.instrument.Tag.of("stage", stage.name())),
                this,
                runner -> runner.waitingSince == null ? 0 : 1);
    }

    /** Every reliability option pinned, so no stage inherits a client default. */
    static Properties consumerConfig(Stage stage, String bootstrapServers, Settings settings) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, stage.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(settings.maxPollRecords()));
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "300000");
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "45000");
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return config;
    }

    public Stage stage() {
        return stage;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(stage.topic()), new PauseNewPartitionsWhileWaiting());
            while (running) {
                resumeWhenDue();
                ConsumerRecords<String, byte[]> records = consumer.poll(settings.pollTimeout());
                if (!records.isEmpty()) {
                    handle(records);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("Stage {} stopped: {}", stage.name(), Failures.describe(e), e);
            reason = "stopped: " + Failures.describe(e);
            running = false;
            throw e;
        } finally {
            // Bounded: leaving the group must not hold up a shutdown when Kafka is already gone.
            consumer.close(java.time.Duration.ofSeconds(5));
        }
    }

    /** Stops the loop; the current batch, if any, is finished or redelivered later. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    public StageStatus status() {
        Instant since = waitingSince;
        return new StageStatus(
                stage.name(),
                since != null ? "waiting" : running ? "running" : "stopped",
                reason,
                since,
                (long) waits.count(),
                (long) processed.count(),
                deadLettered,
                lastBatchAt);
    }

    private void handle(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        try {
            processIsolatingBadRecords(batch);
            commit(batch);
            lastBatchAt = Instant.now();
            processed.increment(batch.size());
            recovered();
        } catch (RuntimeException e) {
            // Whatever escapes here is either an outage or a dead letter that could not be written:
            // both wait, neither skips a record.
            waitAndRetry(batch, e);
        }
    }

    /**
     * Processes the batch; a permanent failure dead-letters the record it names and the rest is
     * processed again (idempotent), or, naming none, each record is tried on its own.
     */
    private void processIsolatingBadRecords(List<ConsumerRecord<String, byte[]>> batch) {
        List<ConsumerRecord<String, byte[]>> remaining = batch.stream()
                .filter(record -> !lettered.contains(ConsumerRecordId.of(record)))
                .toList();
        while (!remaining.isEmpty()) {
            try {
                stage.process(remaining, this::deadLetter);
                return;
            } catch (RuntimeException e) {
                if (Failures.isTransient(e)) {
                    throw e;
                }
                if (e instanceof Stage.RecordFailure failure && remaining.contains(failure.record())) {
                    deadLetter(failure.record(), e);
                    List<ConsumerRecord<String, byte[]>> rest = new ArrayList<>(remaining);
                    rest.remove(failure.record());
                    remaining = rest;
                } else if (remaining.size() > 1) {
                    for (ConsumerRecord<String, byte[]> record : remaining) {
                        processIsolatingBadRecords(List.of(record));
                    }
                    return;
                } else {
                    deadLetter(remaining.get(0), e);
                    return;
                }
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, Throwable failure) {
        deadLetters.write(stage.name(), record, failure);
        lettered.add(ConsumerRecordId.of(record));
        deadLettered++;
    }

    private void commit(List<ConsumerRecord<String, byte[]>> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            offsets.merge(
                    new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        try {
            consumer.commitSync(offsets);
            lettered.clear();
        } catch (CommitFailedException e) {
            // The partitions moved to another member, which redelivers from the last commit: the
            // side effects are idempotent, so nothing is lost or shown twice.
            lettered.clear();
            log.info("Stage {} lost its partitions before committing; the new owner redelivers", stage.name());
        }
    }

    private void waitAndRetry(List<ConsumerRecord<String, byte[]>> batch, RuntimeException failure) {
        attempt++;
        Duration delay = Duration.ofMillis(backoff.apply(attempt));
        String why = Failures.describe(failure);
        if (waitingSince == null) {
            waitingSince = Instant.now();
            log.warn(
                    "Stage {} waits: {}; retrying in {} ms, for as long as it lasts",
                    stage.name(),
                    why,
                    delay.toMillis());
        } else if (!why.equals(reason)) {
            log.warn("Stage {} still waits, now: {}", stage.name(), why);
        }
        reason = why;
        waits.increment();
        Collection<TopicPartition> assigned = consumer.assignment();
        consumer.pause(assigned);
        for (Map.Entry<TopicPartition, Long> start : batchStarts(batch).entrySet()) {
            if (assigned.contains(start.getKey())) {
                consumer.seek(start.getKey(), start.getValue());
            }
        }
        resumeAt = Instant.now().plus(delay);
    }

    private void resumeWhenDue() {
        if (resumeAt != null && !Instant.now().isBefore(resumeAt)) {
            resumeAt = null;
            consumer.resume(consumer.paused());
        }
    }

    private void recovered() {
        if (waitingSince != null) {
            log.info(
                    "Stage {} is flowing again after {} s",
                    stage.name(),
                    Duration.between(waitingSince, Instant.now()).toSeconds());
        }
        waitingSince = null;
        reason = null;
        attempt = 0;
    }

    private static Map<TopicPartition, Long> batchStarts(List<ConsumerRecord<String, byte[]>> batch) {
        Map<TopicPartition, Long> starts = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            starts.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        return starts;
    }

    /** A partition assigned while the stage waits must wait too. */
    private final class PauseNewPartitionsWhileWaiting implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (resumeAt != null) {
                consumer.pause(partitions);
            }
        }
    }
}
