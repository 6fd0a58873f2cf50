package gr.accmr.hub.platform.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import gr.accmr.hub.platform.HubProperties;
import gr.accmr.hub.platform.Leadership;
import javax.sql.DataSource;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's {@link Leadership} on the hub's own PostgreSQL (embedded or external), with a small
 * pool of its own: a heartbeat must never wait for a connection behind slow archive queries or a
 * partner poll, or a living holder could lose its roles.
 */
@Configuration(proxyBeanMethods = false)
class LeadershipConfiguration {

    /** Connections of the leadership pool: heartbeats are one short statement each. */
    private static final int POOL_SIZE = 2;

    /** The pool, not itself a {@link DataSource} bean: one of those would make Boot's own back off. */
    record LeadershipPool(DataSource dataSource) implements AutoCloseable {
        @Override
        public void close() {
            if (dataSource instanceof HikariDataSource pool && "hub-leadership".equals(pool.getPoolName())) {
                pool.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    LeadershipPool leadershipPool(DataSource dataSource) {
        if (!(dataSource instanceof HikariDataSource main)) {
            return new LeadershipPool(dataSource);
        }
        HikariConfig config = new HikariConfig();
        main.copyStateTo(config);
        config.setPoolName("hub-leadership");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setMetricsTrackerFactory(null);
        config.setMetricRegistry(null);
        config.setHealthCheckRegistry(null);
        return new LeadershipPool(new HikariDataSource(config));
    }

    @Bean(destroyMethod = "close")
    @DependsOnDatabaseInitialization
    Leadership leadership(LeadershipPool pool, HubProperties properties) {
        HubProperties.Cluster cluster = properties.cluster();
        String instanceId = cluster.instanceId().isBlank()
                ? Leadership.defaultInstanceId()
                : cluster.instanceId().strip();
        return new Leadership(pool.dataSource(), instanceId, cluster.lockTtl(), cluster.heartbeat());
    }
}
