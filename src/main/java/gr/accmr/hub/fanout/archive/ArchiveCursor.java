package gr.accmr.hub.fanout.archive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Where a page of the archive ended: the sort key and id of its last notice, and a fingerprint of
 * the search it belongs to, so a cursor handed to another search is refused instead of silently
 * skipping or repeating notices. Clients see it only as an opaque base64url token.
 *
 * <p>Ranked searches sort by rank (a PostgreSQL {@code real}, kept bit for bit) descending, then
 * id; lists without a query sort by {@code publishedAt} descending (missing last, kept to the
 * microsecond PostgreSQL stores), then id.
 */
record ArchiveCursor(
        String search, @Nullable Float rank, @Nullable Instant publishedAt, String id) {

    private static final String VERSION = "1";

    static ArchiveCursor ranked(String search, float rank, String id) {
        return new ArchiveCursor(search, rank, null, id);
    }

    static ArchiveCursor newest(String search, @Nullable Instant publishedAt, String id) {
        return new ArchiveCursor(search, null, publishedAt, id);
    }

    boolean isRanked() {
        return rank != null;
    }

    String encode() {
        String key;
        if (rank != null) {
            key = "r" + Integer.toHexString(Float.floatToIntBits(rank));
        } else if (publishedAt != null) {
            key = "t" + ChronoUnit.MICROS.between(Instant.EPOCH, publishedAt);
        } else {
            key = "t";
        }
        // The id goes last: it is the partner's own and may contain any character.
        String plain = String.join("|", VERSION, search, key, id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a token made by {@link #encode()}; anything else is an {@link IllegalArgumentException}. */
    static ArchiveCursor decode(String token) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor of this archive");
        }
        String[] parts = plain.split("\\|", 4);
        if (parts.length != 4 || !parts[0].equals(VERSION) || parts[2].isEmpty() || parts[3].isEmpty()) {
            throw new IllegalArgumentException("not a cursor of this archive");
        }
        String key = parts[2];
        try {
            return switch (key.charAt(0)) {
                case 'r' ->
                    ranked(parts[1], Float.intBitsToFloat(Integer.parseUnsignedInt(key.substring(1), 16)), parts[3]);
                case 't' ->
                    newest(
                            parts[1],
                            key.length() == 1
                                    ? null
                                    : Instant.EPOCH.plus(Long.parseLong(key.substring(1)), ChronoUnit.MICROS),
                            parts[3]);
                default -> throw new IllegalArgumentException("not a cursor of this archive");
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a cursor of this archive");
        }
    }
}
