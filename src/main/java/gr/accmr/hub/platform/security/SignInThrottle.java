package gr.accmr.hub.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Failed sign-ins counted per user name and per client address, one token bucket each: when either
 * has none left, further attempts are refused before the password is hashed, so HTTP Basic can be
 * used neither to guess passwords quickly nor to burn CPU on hashing. The buckets live in bounded
 * caches (an attacker inventing names or addresses only evicts old entries) on each instance.
 */
final class SignInThrottle {

    /** Entries kept per cache; the oldest go first, so memory stays bounded under any flood. */
    private static final long MAX_ENTRIES = 100_000;

    private final int perUser;
    private final int perAddress;
    private final Duration window;
    private final Cache<String, Bucket> users;
    private final Cache<String, Bucket> addresses;

    SignInThrottle(int perUser, int perAddress, Duration window) {
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.window = window;
        this.users = cache(window);
        this.addresses = cache(window);
    }

    /** Seconds until this user may try again from this address, or empty when allowed now. */
    OptionalLong refusedFor(String user, String address) {
        long wait = Math.max(waitNanos(users.getIfPresent(user)), waitNanos(addresses.getIfPresent(address)));
        return wait == 0 ? OptionalLong.empty() : OptionalLong.of(Math.max(1, (wait + 999_999_999L) / 1_000_000_000L));
    }

    /** Counts a failed sign-in against both the user name and the address. */
    void failed(String user, String address) {
        users.get(user, key -> bucket(perUser)).tryConsume(1);
        addresses.get(address, key -> bucket(perAddress)).tryConsume(1);
    }

    private static long waitNanos(@org.jspecify.annotations.Nullable Bucket bucket) {
        return bucket == null || bucket.getAvailableTokens() > 0
                ? 0
                : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    private Bucket bucket(int failures) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(failures).refillGreedy(failures, window))
                .build();
    }

    private static Cache<String, Bucket> cache(Duration window) {
        // A bucket untouched for a whole window has refilled completely: forgetting it changes nothing.
        return Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterAccess(window)
                .build();
    }
}
