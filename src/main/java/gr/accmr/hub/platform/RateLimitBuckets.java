package gr.accmr.hub.platform;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Token buckets kept in PostgreSQL ({@code rate_limit_bucket}, Bucket4j), so a limit holds across
 * all hub instances together rather than once per instance: the push API's requests per partner
 * and failed sign-ins per user and per address. Each use takes a row lock for one short
 * transaction; keys are prefixed by their user ({@code push:}, {@code signin:}).
 */
@Component
public class RateLimitBuckets {

    private static final Logger log = LoggerFactory.getLogger(RateLimitBuckets.class);

    /** A bucket unused for this long after it filled up again is removed by {@link #removeExpired()}. */
    private static final Duration KEEP_FULL_BUCKET = Duration.ofMinutes(5);

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    public RateLimitBuckets(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKET))
                .build();
    }

    /**
     * The shared bucket under {@code key}, made with {@code configuration} the first time it is
     * used. Every call on it is a round trip to PostgreSQL, which throws while the database is away.
     * A stored bucket keeps the configuration it was made with: put the limit in the key, so a
     * changed limit starts a fresh bucket.
     */
    public BucketProxy bucket(String key, Supplier<BucketConfiguration> configuration) {
        // Requests for one bucket that arrive while its round trip is under way go together in the
        // next one, so a partner pushing many notices at once is not held to one row lock at a time.
        return buckets.builder().withOptimization(Optimizations.batching()).build(key, configuration);
    }

    /** Removes buckets nobody used lately; idempotent, so every instance may run it. */
    public int removeExpired() {
        return buckets.removeExpired(1000);
    }

    /** Hourly, so the table does not keep a row for every partner, user and address ever seen. */
    @Scheduled(initialDelay = 1, fixedDelay = 60, timeUnit = TimeUnit.MINUTES)
    void removeExpiredHourly() {
        try {
            int removed = removeExpired();
            if (removed > 0) {
                log.info("Removed {} idle rate-limit buckets", removed);
            }
        } catch (RuntimeException e) {
            // The database may be away; the next run catches up.
            log.warn("Removing idle rate-limit buckets failed, next try in an hour: {}", e.getMessage());
        }
    }

    /** Whole seconds for a {@code Retry-After}, rounded up, at least one: a 0 invites a busy loop. */
    public static long retryAfterSeconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
