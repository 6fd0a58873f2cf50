package gr.accmr.hub.normalize;

import gr.accmr.hub.normalize.internal.Outcome;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.platform.KafkaBootstrap;
import gr.accmr.hub.platform.KafkaEndpoints;
import gr.accmr.hub.platform.Leadership;
import gr.accmr.hub.platform.TransientFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Re-runs normalization over what one partner sent in a time range, read back from {@code
 * hub.inbound.raw} (kept 30 days for this), after a fix to normalization. Only notices whose
 * output changed get a new version: the content hash decides, as it does for live records.
 *
 * <p>A notice is re-made from every record of it from the start of the range to the end of the
 * topic, applied in order in memory on top of its last version (a first pass notes where each
 * notice's records are, and a second reads them back one notice at a time, so a job never holds a
 * partner's records, only their positions), and published at most once: so
 * a range that ends before a notice's latest record never brings back older content, and
 * translations sent separately are all re-made. Jobs run one at a time, in the background,
 * outside any consumer group, on the one instance leading {@value #ROLE}: the others refuse new
 * jobs and name that instance (see {@link ReprocessingController}). A job already running when the
 * role moves runs to its end; running it twice would do no harm (only changed output is published,
 * with compare-and-set versions), so it is not interrupted half-way.
 */
@Component
class Reprocessing implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Reprocessing.class);

    /** A job's request and progress. */
    record Job(
            String id,
            String partner,
            Instant from,
            Instant to,
            String state,
            long scanned,
            long matched,
            long republished,
            long unchanged,
            long failed,
            @Nullable String error) {}

    /** Leadership role of the reprocessing runner. */
    static final String ROLE = "normalize.reprocessing";

    private final NormalizeStage stage;
    private final KafkaBootstrap bootstrap;
    private final Leadership leadership;
    private final String rawTopic;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hub-reprocess");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    Reprocessing(NormalizeStage stage, KafkaBootstrap bootstrap, KafkaEndpoints kafka, Leadership leadership) {
        this.stage = stage;
        this.bootstrap = bootstrap;
        this.rawTopic = kafka.rawTopic();
        this.leadership = leadership;
        leadership.join(ROLE);
    }

    /** Whether jobs run here: this instance leads {@value #ROLE}. */
    boolean runsHere() {
        return leadership.isLeader(ROLE);
    }

    /** The instance where jobs run now, if any holds the role. */
    Optional<String> runner() {
        return leadership.holder(ROLE);
    }

    Job start(String partner, Instant from, Instant to) {
        String id = UUID.randomUUID().toString();
        Job queued = new Job(id, partner, from, to, "queued", 0, 0, 0, 0, 0, null);
        jobs.put(id, queued);
        worker.submit(() -> run(queued));
        return queued;
    }

    Optional<Job> job(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** The counts of a running job; only the worker thread touches them. */
    private static final class Counts {
        long scanned;
        long matched;
        long republished;
        long unchanged;
        long failed;

        Job of(Job job, String state, @Nullable String error) {
            return new Job(
                    job.id(),
                    job.partner(),
                    job.from(),
                    job.to(),
                    state,
                    scanned,
                    matched,
                    republished,
                    unchanged,
                    failed,
                    error);
        }
    }

    private void run(Job job) {
        Counts counts = new Counts();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(rawTopic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> start = new HashMap<>();
            partitions.forEach(partition -> start.put(partition, job.from().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(start);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp offset = offsets.get(partition);
                consumer.seek(partition, offset == null ? end.get(partition) : offset.offset());
            }
            // Where the partner's records from the start of the range on are, per notice; the range
            // picks the notices. Positions only: a partner's records can be many gigabytes.
            Map<String, List<Position>> byNotice = new LinkedHashMap<>();
            Set<String> inRange = new HashSet<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    counts.scanned++;
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))
                            || record.key() == null
                            || !job.partner().equals(header(record, RawHeaders.PARTNER))) {
                        continue;
                    }
                    byNotice.computeIfAbsent(record.key(), key -> new ArrayList<>())
                            .add(new Position(record.partition(), record.offset()));
                    if (record.timestamp() <= job.to().toEpochMilli()) {
                        counts.matched++;
                        inRange.add(record.key());
                    }
                }
                jobs.put(job.id(), counts.of(job, "running", null));
            }
            // Then one notice at a time, its records read back by position: memory holds one notice's records.
            partitions.forEach(partition -> consumer.seek(partition, end.get(partition)));
            for (String key : inRange) {
                reprocess(key, byNotice.get(key), consumer, counts);
                jobs.put(job.id(), counts.of(job, "running", null));
            }
            jobs.put(job.id(), counts.of(job, "done", null));
            log.info(
                    "Reprocessed {} for {}..{}: {} records, {} republished, {} unchanged, {} failed",
                    job.partner(),
                    job.from(),
                    job.to(),
                    counts.matched,
                    counts.republished,
                    counts.unchanged,
                    counts.failed);
        } catch (RuntimeException e) {
            jobs.put(job.id(), counts.of(job, "failed", e.getMessage()));
            log.error("Reprocessing {} failed: {}", job.partner(), e.getMessage());
        }
    }

    /** Where a raw record is. */
    private record Position(int partition, long offset) {}

    private void reprocess(
            String key, List<Position> positions, KafkaConsumer<String, byte[]> consumer, Counts counts) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Position position : positions) {
            ConsumerRecord<String, byte[]> record = read(consumer, position);
            if (record == null) {
                counts.failed++;
                continue;
            }
            try {
                outcomes.add(stage.outcome(NormalizeStage.rawRecord(record)));
            } catch (RuntimeException e) {
                // Such a record already went to the dead letters when it first arrived.
                counts.failed++;
            }
        }
        if (outcomes.isEmpty()) {
            return;
        }
        try {
            List<Notice> next = stage.next(outcomes);
            if (!next.isEmpty()) {
                stage.publish(next);
                counts.republished++;
            } else {
                counts.unchanged++;
            }
        } catch (RuntimeException e) {
            counts.failed++;
            log.warn("Reprocessing {} failed: {}", key, e.getMessage());
        }
    }

    /** The record at a position, or null when it is no longer there (retention removed it meanwhile). */
    private @Nullable ConsumerRecord<String, byte[]> read(KafkaConsumer<String, byte[]> consumer, Position position) {
        TopicPartition partition = new TopicPartition(rawTopic, position.partition());
        consumer.seek(partition, position.offset());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(200)).records(partition)) {
                if (record.offset() >= position.offset()) {
                    // Every other partition sits at its end, so nothing else comes back.
                    return record.offset() == position.offset() ? record : null;
                }
            }
        }
        throw new TransientFailure("could not read " + partition + " at " + position.offset() + " within 30 s");
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.servers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "hub.reprocess");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Records are read back one at a time by position; a large poll would be thrown away.
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static @Nullable String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
