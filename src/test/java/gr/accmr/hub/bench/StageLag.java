package gr.accmr.hub.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far each stage's consumer group is behind its topic, read from Kafka: the normalize group on
 * {@code hub.inbound.raw}, the review gate and the archive on {@code hub.notices}, the city's
 * channels on {@code hub.notices.approved}. A stage commits only after its side effect (normalize
 * and the gate after their batch was acknowledged downstream, a channel after its sink and
 * ledger), so a lag of zero means the work is done, not merely fetched.
 */
final class StageLag implements AutoCloseable {

    static final String RAW_TOPIC = "hub.inbound.raw";
    static final String NOTICES_TOPIC = "hub.notices";
    static final String APPROVED_TOPIC = "hub.notices.approved";
    static final String NORMALIZE = "hub.normalize";
    static final String REVIEW = "hub.review";
    static final List<String> CHANNELS = List.of("website", "mobile", "archive", "alerts");

    private final Admin admin;
    private final Map<String, Integer> partitions = new java.util.concurrent.ConcurrentHashMap<>();

    StageLag(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(config);
    }

    static String group(String channel) {
        return "hub.fanout." + channel;
    }

    /**
     * Records each stage still has to do, in the order records flow: a stage's lag is read before
     * the end of the topic it writes, so once it is zero everything it published is counted
     * downstream.
     */
    Map<String, Long> lags() {
        Map<String, Long> lags = new LinkedHashMap<>();
        lags.put("normalize", lag(NORMALIZE, endOffsets(RAW_TOPIC)));
        Map<TopicPartition, Long> noticesEnd = endOffsets(NOTICES_TOPIC);
        lags.put("review", lag(REVIEW, noticesEnd));
        lags.put("archive", lag(group("archive"), noticesEnd));
        Map<TopicPartition, Long> approvedEnd = endOffsets(APPROVED_TOPIC);
        for (String channel : CHANNELS) {
            if (!channel.equals("archive")) {
                lags.put(channel, lag(group(channel), approvedEnd));
            }
        }
        return lags;
    }

    int partitions(String topic) {
        return partitions.computeIfAbsent(
                topic,
                name -> get(admin.describeTopics(List.of(name)).allTopicNames())
                        .get(name)
                        .partitions()
                        .size());
    }

    Admin admin() {
        return admin;
    }

    private long lag(String group, Map<TopicPartition, Long> end) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            OffsetAndMetadata offset = committed.get(partition.getKey());
            // A commit newer than the end offsets read a moment earlier is no lag, not a negative one.
            lag += Math.max(0, partition.getValue() - (offset == null ? 0 : offset.offset()));
        }
        return lag;
    }

    private Map<TopicPartition, Long> endOffsets(String topic) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < partitions(topic); partition++) {
            latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                get(admin.listOffsets(latest).all());
        Map<TopicPartition, Long> end = new HashMap<>();
        offsets.forEach((partition, info) -> end.put(partition, info.offset()));
        return end;
    }

    /**
     * Polls until every stage has caught up, or the timeout; returns when each stage did, counted
     * from {@code since} (a stage counts once the stages before it have caught up too, so that a
     * channel idling for work is not taken for one that is done). {@code report} gets the lags every few
     * seconds, for a run that is watched.
     */
    Map<String, Duration> awaitCaughtUp(long since, Duration timeout, Duration every, Reporter report) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Duration> caughtUp = new LinkedHashMap<>();
        long nextReport = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Map<String, Long> lags = lags();
            long now = System.nanoTime();
            if (lags.get("normalize") == 0) {
                lags.forEach((stage, lag) -> {
                    // The city's channels read what the gate forwards: done once the gate is too.
                    boolean upstreamDone = stage.equals("review") || stage.equals("archive") || lags.get("review") == 0;
                    if (lag == 0 && upstreamDone) {
                        caughtUp.putIfAbsent(stage, Duration.ofNanos(now - since));
                    }
                });
            }
            if (caughtUp.size() == lags.size()) {
                return caughtUp;
            }
            if (now >= nextReport) {
                report.lags(Duration.ofNanos(now - since), lags);
                nextReport = now + TimeUnit.SECONDS.toNanos(10);
            }
            pause(every);
        }
        throw new IllegalStateException("the stages did not catch up within " + timeout + "; caught up: " + caughtUp);
    }

    /** Receives the lags while waiting. */
    @FunctionalInterface
    interface Reporter {
        void lags(Duration elapsed, Map<String, Long> lags);
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka's admin client did not answer", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
