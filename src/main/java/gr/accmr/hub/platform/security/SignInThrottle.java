package gr.accmr.hub.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gr.accmr.hub.platform.RateLimitBuckets;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed sign-ins counted per user name and per client address, one token bucket each: when either
 * has none left, further attempts are refused before the password is hashed, so HTTP Basic can be
 * used neither to guess passwords quickly nor to burn CPU on hashing.
 *
 * <p>The count is shared by all instances: a failure takes a token from a bucket in PostgreSQL
 * ({@link RateLimitBuckets}); once that bucket is empty, this instance remembers until when the
 * user or address is refused and refuses it locally from then on. The check before hashing never
 * asks the database, so a script sending Basic credentials with every call costs nothing extra;
 * across <i>n</i> instances at most limit + <i>n</i> − 1 failures are hashed per window. Each
 * instance also counts in buckets of its own, which decide alone while PostgreSQL is away. All
 * caches are bounded (an attacker inventing names or addresses only evicts old entries), and user
 * names are kept as SHA-256 digests, so a long invented name costs no more than a short one.
 */
final class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    /** Entries kept per cache; the oldest go first, so memory stays bounded under any flood. */
    private static final long MAX_ENTRIES = 100_000;

    /** Characters of the longest IPv6 literal with a zone ({@code fe80::…%eth0}) kept as it is. */
    private static final int LONGEST_ADDRESS = 64;

    /** After the shared count failed, the local one decides alone for this long before the next try. */
    static final Duration SHARED_RETRY = Duration.ofSeconds(30);

    /** Where the shared buckets live: {@link RateLimitBuckets#bucket} in the hub, a map in unit tests. */
    @FunctionalInterface
    interface SharedBuckets {
        Bucket bucket(String key, Supplier<BucketConfiguration> configuration);
    }

    private final int perUser;
    private final int perAddress;
    private final Duration window;
    private final SharedBuckets shared;
    private final LongSupplier nanoTime;
    private final Cache<String, Bucket> local;
    /** Keys whose shared bucket was found empty → {@link System#nanoTime()} until which they are refused. */
    private final Cache<String, Long> refusedUntil;

    private volatile long sharedDownUntil;
    private volatile boolean sharedDown;

    SignInThrottle(int perUser, int perAddress, Duration window, SharedBuckets shared) {
        this(perUser, perAddress, window, shared, System::nanoTime);
    }

    SignInThrottle(int perUser, int perAddress, Duration window, SharedBuckets shared, LongSupplier nanoTime) {
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.window = window;
        this.shared = shared;
        this.nanoTime = nanoTime;
        this.sharedDownUntil = nanoTime.getAsLong();
        // A bucket untouched for a whole window has refilled completely: forgetting it changes nothing.
        this.local = Caffeine.newBuilder()
                .maximumSize(2 * MAX_ENTRIES)
                .expireAfterAccess(window)
                .build();
        // A refusal never lasts longer than the window (one token's refill at the most).
        this.refusedUntil = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(window)
                .build();
    }

    /** Seconds until this user may try again from this address, or empty when allowed now. No database. */
    OptionalLong refusedFor(String user, String address) {
        String userKey = userKey(user);
        String addressKey = addressKey(address);
        long now = nanoTime.getAsLong();
        long wait = Math.max(
                Math.max(localWait(userKey), localWait(addressKey)),
                Math.max(remembered(userKey, now), remembered(addressKey, now)));
        return wait == 0 ? OptionalLong.empty() : OptionalLong.of(RateLimitBuckets.retryAfterSeconds(wait));
    }

    /** Counts a failed sign-in against both the user name and the address, here and in the shared buckets. */
    void failed(String user, String address) {
        String userKey = userKey(user);
        String addressKey = addressKey(address);
        local.get(userKey, key -> Bucket.builder().addLimit(limit(perUser)).build())
                .tryConsume(1);
        local.get(
                        addressKey,
                        key -> Bucket.builder().addLimit(limit(perAddress)).build())
                .tryConsume(1);
        countShared(userKey, perUser);
        countShared(addressKey, perAddress);
    }

    /**
     * Takes one token from the shared bucket; when that leaves it empty, or it was empty already,
     * remembers how long the key is refused. A database failure is logged and leaves the local
     * count to decide: it never changes the answer to this request.
     */
    private void countShared(String key, int failures) {
        long now = nanoTime.getAsLong();
        if (now - sharedDownUntil < 0) {
            return;
        }
        try {
            Bucket bucket = shared.bucket(
                    key + ":" + failures + "/" + window,
                    () -> BucketConfiguration.builder()
                            .addLimit(limit(failures))
                            .build());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            long wait = !probe.isConsumed()
                    ? probe.getNanosToWaitForRefill()
                    : probe.getRemainingTokens() == 0
                            // The last token is gone: ask once more when the next one comes.
                            ? bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()
                            : 0;
            if (wait > 0) {
                refusedUntil.put(key, now + wait);
            }
            if (sharedDown) {
                sharedDown = false;
                log.info("Failed sign-ins are counted across instances again");
            }
        } catch (RuntimeException e) {
            sharedDownUntil = now + SHARED_RETRY.toNanos();
            if (!sharedDown) {
                sharedDown = true;
                log.warn(
                        "Cannot count failed sign-ins in PostgreSQL ({}); each instance counts its own until it is back",
                        e.toString());
            } else {
                log.debug("Failed sign-ins still counted per instance", e);
            }
        }
    }

    /** {@code failures} a window, each coming back gradually: one after a {@code failures}-th of it. */
    private Bandwidth limit(int failures) {
        return Bandwidth.builder()
                .capacity(failures)
                .refillGreedy(failures, window)
                .build();
    }

    private long localWait(String key) {
        Bucket bucket = local.getIfPresent(key);
        return bucket == null || bucket.getAvailableTokens() > 0
                ? 0
                : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    private long remembered(String key, long now) {
        @Nullable Long until = refusedUntil.getIfPresent(key);
        return until == null || until - now <= 0 ? 0 : until - now;
    }

    /** The key of a user name: its digest, so an invented name of any length makes a short key. */
    static String userKey(String user) {
        return "signin:user:" + sha256(user);
    }

    /**
     * The key of a client address: the IP literal the servlet container gives, or its digest should
     * a proxy have forwarded something longer than any address.
     */
    static String addressKey(String address) {
        return "signin:address:" + (address.length() <= LONGEST_ADDRESS ? address : sha256(address));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
