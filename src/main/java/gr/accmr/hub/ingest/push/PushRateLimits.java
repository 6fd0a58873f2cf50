package gr.accmr.hub.ingest.push;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Each push partner's requests per minute, counted in one token bucket per partner in PostgreSQL
 * ({@code rate_limit_bucket}, Bucket4j), so the limit holds for the partner across all hub
 * instances together rather than once per instance.
 */
@Component
class PushRateLimits {

    /** A bucket unused for this long after it filled up again is removed by {@link #removeExpired()}. */
    private static final Duration KEEP_FULL_BUCKET = Duration.ofMinutes(5);

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    PushRateLimits(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKET))
                .build();
    }

    /**
     * Takes one request from the partner's bucket; empty when allowed, else the time until the
     * next one would be. The rate is part of the key, so a changed limit starts a fresh bucket.
     */
    OptionalLong tryAcquire(String partner, int requestsPerMinute) {
        ProxyManager<String> proxies = buckets;
        ConsumptionProbe probe = proxies.builder()
                .build(
                        "push:" + partner + ":" + requestsPerMinute,
                        () -> BucketConfiguration.builder()
                                .addLimit(limit -> limit.capacity(requestsPerMinute)
                                        .refillIntervally(requestsPerMinute, Duration.ofMinutes(1)))
                                .build())
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        // Whole seconds, rounded up, at least one: a Retry-After of 0 invites a busy loop.
        return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }

    /** Removes buckets of partners that pushed nothing for a while; idempotent on every instance. */
    int removeExpired() {
        return buckets.removeExpired(1000);
    }
}
