package gr.accmr.hub.ingest.push;

import gr.accmr.hub.platform.RateLimitBuckets;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * Each push partner's requests per minute, counted in one shared token bucket per partner (see
 * {@link RateLimitBuckets}), so the limit holds for the partner across all hub instances together
 * rather than once per instance.
 */
@Component
class PushRateLimits {

    private final RateLimitBuckets buckets;

    PushRateLimits(RateLimitBuckets buckets) {
        this.buckets = buckets;
    }

    /**
     * Takes one request from the partner's bucket; empty when allowed, else the seconds until the
     * next one would be. The rate is part of the key, so a changed limit starts a fresh bucket.
     */
    OptionalLong tryAcquire(String partner, int requestsPerMinute) {
        ConsumptionProbe probe = buckets.bucket(
                        "push:" + partner + ":" + requestsPerMinute,
                        () -> BucketConfiguration.builder()
                                .addLimit(limit -> limit.capacity(requestsPerMinute)
                                        .refillIntervally(requestsPerMinute, Duration.ofMinutes(1)))
                                .build())
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed()
                ? OptionalLong.empty()
                : OptionalLong.of(RateLimitBuckets.retryAfterSeconds(probe.getNanosToWaitForRefill()));
    }
}
