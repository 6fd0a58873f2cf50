package gr.accmr.hub.platform.kafka;

import gr.accmr.hub.platform.KafkaBootstrap;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Reports Kafka as up when the cluster answers a metadata request within a few seconds. */
class KafkaHealthIndicator implements HealthIndicator, AutoCloseable {

    private final KafkaBootstrap bootstrap;
    private final Admin admin;

    KafkaHealthIndicator(KafkaBootstrap bootstrap) {
        this.bootstrap = bootstrap;
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.servers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "hub.health");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        this.admin = Admin.create(config);
    }

    @Override
    public Health health() {
        try {
            var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000));
            int nodes = cluster.nodes().get(3, TimeUnit.SECONDS).size();
            return Health.up()
                    .withDetail("bootstrapServers", bootstrap.servers())
                    .withDetail("embedded", bootstrap.embedded())
                    .withDetail("clusterId", cluster.clusterId().get(3, TimeUnit.SECONDS))
                    .withDetail("nodes", nodes)
                    .build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Health.down()
                    .withDetail("bootstrapServers", bootstrap.servers())
                    .withException(e)
                    .build();
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
