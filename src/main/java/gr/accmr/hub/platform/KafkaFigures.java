package gr.accmr.hub.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * What Kafka itself says about the hub's topics and consumer groups: partitions, offsets, records
 * held, and how far each group is behind. Read on demand with short timeouts; an unreachable
 * broker is a {@link TransientFailure}, which pages show as such instead of waiting.
 */
@Component
public class KafkaFigures implements DisposableBean {

    private static final long TIMEOUT_MS = 3000;

    private final Admin admin;

    KafkaFigures(KafkaBootstrap bootstrap) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.servers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "hub.console");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        this.admin = Admin.create(config);
    }

    /** One partition: its first and next offsets; on a compacted topic the difference counts gaps too. */
    public record PartitionOffsets(int partition, long start, long end) {

        public long records() {
            return end - start;
        }
    }

    public record TopicOffsets(String topic, List<PartitionOffsets> partitions) {

        public long records() {
            return partitions.stream().mapToLong(PartitionOffsets::records).sum();
        }

        public long end() {
            return partitions.stream().mapToLong(PartitionOffsets::end).sum();
        }
    }

    /** A group's lag on one partition: the records after its committed offset (all of them when it has none). */
    public record PartitionLag(int partition, long committed, long end, long lag) {}

    public record GroupLag(String group, String topic, List<PartitionLag> partitions) {

        public long lag() {
            return partitions.stream().mapToLong(PartitionLag::lag).sum();
        }
    }

    /** Offsets of each topic's partitions, in the order asked. */
    public List<TopicOffsets> topics(Collection<String> topics) {
        Map<String, TopicDescription> descriptions =
                get(admin.describeTopics(topics).allTopicNames());
        List<TopicPartition> partitions = descriptions.values().stream()
                .flatMap(topic -> topic.partitions().stream()
                        .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                .toList();
        Map<TopicPartition, ListOffsetsResultInfo> start = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, ListOffsetsResultInfo> end = offsets(partitions, OffsetSpec.latest());
        List<TopicOffsets> result = new ArrayList<>();
        for (String topic : topics) {
            result.add(new TopicOffsets(
                    topic,
                    partitions.stream()
                            .filter(partition -> partition.topic().equals(topic))
                            .sorted(Comparator.comparingInt(TopicPartition::partition))
                            .map(partition -> new PartitionOffsets(
                                    partition.partition(),
                                    start.get(partition).offset(),
                                    end.get(partition).offset()))
                            .toList()));
        }
        return result;
    }

    /** How far a consumer group is behind on a topic, per partition. */
    public GroupLag lag(String group, TopicOffsets topic) {
        return lag(group, topic, get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()));
    }

    private static GroupLag lag(String group, TopicOffsets topic, Map<TopicPartition, OffsetAndMetadata> committed) {
        Map<TopicPartition, OffsetAndMetadata> known = new HashMap<>();
        committed.forEach((partition, offset) -> {
            if (offset != null) {
                known.put(partition, offset);
            }
        });
        List<PartitionLag> lags = topic.partitions().stream()
                .map(partition -> {
                    OffsetAndMetadata offset = known.get(new TopicPartition(topic.topic(), partition.partition()));
                    long from = offset == null ? partition.start() : offset.offset();
                    return new PartitionLag(
                            partition.partition(), from, partition.end(), Math.max(0, partition.end() - from));
                })
                .toList();
        return new GroupLag(group, topic.topic(), lags);
    }

    /** A partition with its size on disk (the largest of its replicas; 0 when the broker did not say). */
    public record PartitionDetail(int partition, long start, long end, long bytes) {

        public long records() {
            return end - start;
        }
    }

    /** A topic with its partitions and every consumer group that has committed offsets on it. */
    public record TopicDetail(String topic, List<PartitionDetail> partitions, List<GroupLag> groups) {

        public long records() {
            return partitions.stream().mapToLong(PartitionDetail::records).sum();
        }

        public long bytes() {
            return partitions.stream().mapToLong(PartitionDetail::bytes).sum();
        }
    }

    /** Each topic's partitions, offsets and size, and the lag of each group that reads it. */
    public List<TopicDetail> details(Collection<String> topics) {
        List<TopicOffsets> offsets = topics(topics);
        Map<TopicPartition, Long> sizes = sizes();
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new TreeMap<>();
        for (GroupListing group :
                get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all())) {
            committed.put(
                    group.groupId(),
                    get(admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata()));
        }
        List<TopicDetail> details = new ArrayList<>();
        for (TopicOffsets topic : offsets) {
            List<GroupLag> groups = new ArrayList<>();
            committed.forEach((group, groupOffsets) -> {
                // Throw-away readers that never commit are no group of this topic.
                if (groupOffsets.keySet().stream()
                        .anyMatch(partition -> partition.topic().equals(topic.topic()))) {
                    groups.add(lag(group, topic, groupOffsets));
                }
            });
            details.add(new TopicDetail(
                    topic.topic(),
                    topic.partitions().stream()
                            .map(partition -> new PartitionDetail(
                                    partition.partition(),
                                    partition.start(),
                                    partition.end(),
                                    sizes.getOrDefault(new TopicPartition(topic.topic(), partition.partition()), 0L)))
                            .toList(),
                    groups));
        }
        return details;
    }

    private Map<TopicPartition, Long> sizes() {
        List<Integer> brokers =
                get(admin.describeCluster().nodes()).stream().map(Node::id).toList();
        Map<TopicPartition, Long> sizes = new HashMap<>();
        get(admin.describeLogDirs(brokers).allDescriptions())
                .values()
                .forEach(directories -> directories
                        .values()
                        .forEach(directory -> directory
                                .replicaInfos()
                                .forEach((partition, replica) -> sizes.merge(partition, replica.size(), Math::max))));
        return sizes;
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request =
                partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> spec));
        return get(admin.listOffsets(request).all());
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("interrupted while asking Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TransientFailure("Kafka did not answer: " + Failures.describe(e), e);
        }
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
