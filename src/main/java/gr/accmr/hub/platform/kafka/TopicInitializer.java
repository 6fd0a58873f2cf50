package gr.accmr.hub.platform.kafka;

import gr.accmr.hub.platform.HubProperties;
import gr.accmr.hub.platform.KafkaBootstrap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the hub's topics with their settings when they are missing; existing topics are left as they are. */
class TopicInitializer {

    private static final Logger log = LoggerFactory.getLogger(TopicInitializer.class);

    private final KafkaBootstrap bootstrap;
    private final HubProperties.Kafka settings;

    TopicInitializer(KafkaBootstrap bootstrap, HubProperties.Kafka settings) {
        this.bootstrap = bootstrap;
        this.settings = settings;
    }

    List<NewTopic> topics() {
        return List.of(
                topic(settings.rawTopic())
                        .configs(withCommon(Map.of(
                                TopicConfig.RETENTION_MS_CONFIG,
                                String.valueOf(settings.rawRetention().toMillis())))),
                // Compacted: the latest version of every notice stays readable forever.
                topic(settings.noticesTopic()).configs(compacted()),
                // Compacted too: the city's channels can be rebuilt from it with the editors' decisions.
                topic(settings.approvedTopic()).configs(compacted()),
                topic(settings.deadLetterTopic())
                        .configs(withCommon(Map.of(
                                TopicConfig.RETENTION_MS_CONFIG,
                                String.valueOf(settings.deadLetterRetention().toMillis())))));
    }

    private Map<String, String> compacted() {
        return withCommon(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG,
                "3600000"));
    }

    private NewTopic topic(String name) {
        return new NewTopic(name, settings.partitions(), settings.replicationFactor());
    }

    private Map<String, String> withCommon(Map<String, String> configs) {
        Map<String, String> all = new java.util.HashMap<>(configs);
        all.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSync());
        all.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(settings.maxRecordBytes()));
        return all;
    }

    private String minInSync() {
        return String.valueOf(Math.min(settings.minInSyncReplicas(), settings.replicationFactor()));
    }

    void createMissingTopics() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.servers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = topics().stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .toList();
            if (!missing.isEmpty()) {
                for (var created : admin.createTopics(missing).values().values()) {
                    try {
                        created.get(60, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        // Another instance starting at the same moment created it first: what we wanted.
                        if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                log.info(
                        "Created topics {}",
                        missing.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create the hub's topics on " + bootstrap.servers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }
}
