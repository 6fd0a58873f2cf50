package gr.accmr.hub.platform;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.DefaultCandidate;
import org.springframework.integration.leader.event.LeaderEventPublisher;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.integration.util.UUIDConverter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Leader election among hub instances on their shared PostgreSQL, with Spring Integration's
 * {@link JdbcLockRegistry}: one lock per role (a partner poller, the website expiry sweep,
 * reprocessing), held by at most one instance at a time and renewed every heartbeat. A holder that
 * dies without releasing (kill -9) leaves its row behind; it expires after the lock TTL and the
 * next heartbeat of another instance takes the role over.
 *
 * <p>Every process has a random client id, so two instances configured with the same instance id
 * still never share a lock; {@code cluster_member} maps client ids to instance ids for reports.
 */
public final class Leadership implements AutoCloseable {

    /** Lock region of the hub's roles in {@code INT_LOCK}. */
    static final String REGION = "hub";

    private static final Logger log = LoggerFactory.getLogger(Leadership.class);

    /** Called on the role's election thread when this instance gains or loses the role. */
    public interface Listener {
        void granted(String role);

        void revoked(String role);
    }

    private static final Listener NONE = new Listener() {
        @Override
        public void granted(String role) {}

        @Override
        public void revoked(String role) {}
    };

    private final String instanceId;
    private final String clientId = UUID.randomUUID().toString();
    private final Duration heartbeat;
    private final JdbcTemplate jdbc;
    private final DefaultLockRepository repository;
    private final JdbcLockRegistry registry;
    private final Map<String, LockRegistryLeaderInitiator> initiators = new ConcurrentHashMap<>();
    /** Held roles, each with the candidate that holds it: a role left and joined again has two for a moment. */
    private final Map<String, Object> led = new ConcurrentHashMap<>();

    /**
     * @param dataSource a pool of its own is best: heartbeats must not wait behind slow queries
     */
    public Leadership(DataSource dataSource, String instanceId, Duration lockTtl, Duration heartbeat) {
        this.instanceId = instanceId;
        this.heartbeat = heartbeat;
        this.jdbc = new JdbcTemplate(dataSource);
        this.repository = new DefaultLockRepository(dataSource, clientId);
        repository.setRegion(REGION);
        repository.setTransactionManager(new DataSourceTransactionManager(dataSource));
        repository.afterPropertiesSet();
        repository.afterSingletonsInstantiated();
        repository.start();
        this.registry = new JdbcLockRegistry(repository, lockTtl);
        // A contender asks once per heartbeat rather than ten times a second.
        registry.setIdleBetweenTries(heartbeat);
        jdbc.update("INSERT INTO cluster_member (client_id, instance_id) VALUES (?, ?)", clientId, instanceId);
        // Members of long-gone processes that hold nothing any more.
        jdbc.update("""
                DELETE FROM cluster_member WHERE started_at < now() - interval '7 days'
                  AND client_id NOT IN (SELECT client_id FROM INT_LOCK WHERE client_id IS NOT NULL)
                """);
        log.info("Cluster member {} (lock TTL {}, heartbeat {})", instanceId, lockTtl, heartbeat);
    }

    /** The default instance id: host name and process id, unique among instances on one host. */
    public static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    public String instanceId() {
        return instanceId;
    }

    /** Competes for a role that is only asked about ({@link #isLeader}). */
    public void join(String role) {
        join(role, NONE);
    }

    /** Competes for a role; the listener hears when this instance gains and loses it. */
    public void join(String role, Listener listener) {
        initiators.compute(role, (key, existing) -> {
            if (existing != null) {
                throw new IllegalStateException("already competing for role " + role);
            }
            LockRegistryLeaderInitiator initiator =
                    new LockRegistryLeaderInitiator(registry, candidate(role, listener));
            initiator.setHeartBeatMillis(heartbeat.toMillis());
            initiator.setBusyWaitMillis(Math.min(500, heartbeat.toMillis()));
            SimpleAsyncTaskExecutor thread = new SimpleAsyncTaskExecutor("hub-leader-" + role + "-");
            // An election thread retrying against a database that is gone must not keep the JVM alive.
            thread.setDaemon(true);
            initiator.setTaskExecutor(thread);
            initiator.setLeaderEventPublisher(QUIET);
            initiator.start();
            return initiator;
        });
    }

    /** Stops competing for a role, releasing it if held (the listener hears {@code revoked}). */
    public void leave(String role) {
        LockRegistryLeaderInitiator initiator = initiators.remove(role);
        if (initiator != null) {
            initiator.stop();
        }
    }

    public boolean isLeader(String role) {
        return led.containsKey(role);
    }

    /** The roles this instance holds now, sorted. */
    public Set<String> ledRoles() {
        return new TreeSet<>(led.keySet());
    }

    /** The roles this instance competes for, sorted. */
    public Set<String> joinedRoles() {
        return new TreeSet<>(initiators.keySet());
    }

    /** Which instance holds each of these roles now (per the shared lock table); absent when none does. */
    public Map<String, String> holders(Collection<String> roles) {
        if (roles.isEmpty()) {
            return Map.of();
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        roles.forEach(role -> byKey.put(UUIDConverter.getUUID(role).toString(), role));
        String marks = roles.stream().map(role -> "?").collect(Collectors.joining(","));
        List<Object> arguments = new java.util.ArrayList<>();
        arguments.add(REGION);
        arguments.add(LocalDateTime.now(ZoneOffset.UTC));
        arguments.addAll(byKey.keySet());
        Map<String, String> holders = new LinkedHashMap<>();
        jdbc.query(
                """
                SELECT l.lock_key, coalesce(m.instance_id, l.client_id) FROM INT_LOCK l
                LEFT JOIN cluster_member m ON m.client_id = l.client_id
                WHERE l.region = ? AND l.expired_after >= ? AND l.lock_key IN (%s)
                """.formatted(marks),
                row -> {
                    holders.put(byKey.get(row.getString(1).strip()), row.getString(2));
                },
                arguments.toArray());
        return holders;
    }

    /** Which instance holds the role now, if any. */
    public Optional<String> holder(String role) {
        return Optional.ofNullable(holders(List.of(role)).get(role));
    }

    /**
     * Gives up every role and deletes this process's lock rows, so the others take over at their
     * next heartbeat instead of after the TTL.
     */
    @Override
    public void close() {
        initiators.keySet().forEach(this::leave);
        try {
            repository.close();
        } catch (RuntimeException e) {
            log.warn("Could not release the locks of {}: {}; they expire on their own", instanceId, e.getMessage());
        }
    }

    private DefaultCandidate candidate(String role, Listener listener) {
        return new DefaultCandidate(clientId, role) {
            @Override
            public void onGranted(Context context) {
                led.put(role, this);
                log.info("{} now leads {}", instanceId, role);
                try {
                    listener.granted(role);
                } catch (RuntimeException e) {
                    // A failing listener must not make the election thread give the role up and retake it in a loop.
                    log.error("Taking up role {} failed: {}", role, e.getMessage(), e);
                }
            }

            @Override
            public void onRevoked(Context context) {
                led.remove(role, this);
                log.info("{} no longer leads {}", instanceId, role);
                try {
                    listener.revoked(role);
                } catch (RuntimeException e) {
                    log.error("Giving up role {} failed: {}", role, e.getMessage(), e);
                }
            }
        };
    }

    /** Leadership changes are logged here; nothing in the hub listens for Spring events about them. */
    private static final LeaderEventPublisher QUIET = new LeaderEventPublisher() {
        @Override
        public void publishOnGranted(Object source, Context context, String role) {}

        @Override
        public void publishOnRevoked(Object source, Context context, String role) {}

        @Override
        public void publishOnFailedToAcquire(Object source, Context context, String role) {}
    };
}
