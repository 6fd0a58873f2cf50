package gr.accmr.hub.notice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The stable identity of a notice, {@code {partner}:{externalId}}. Both parts are kept to a
 * URL- and file-name-safe alphabet so that the id can appear in API paths and static-site file
 * names; partner identifiers that are not (long URLs used as guids, say) are hashed.
 */
public record NoticeId(String partner, String externalId) {

    private static final Pattern PARTNER = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~@-]{0,127}");

    public NoticeId {
        if (!PARTNER.matcher(partner).matches()) {
            throw new IllegalArgumentException(
                    "partner id must be lower-case letters, digits and '-' (at most 63): " + partner);
        }
        if (!EXTERNAL_ID.matcher(externalId).matches()) {
            throw new IllegalArgumentException("external id has characters outside [A-Za-z0-9._~@-]: " + externalId);
        }
    }

    public static boolean isValidPartner(String partner) {
        return PARTNER.matcher(partner).matches();
    }

    /** Parses {@code partner:externalId}. */
    public static NoticeId parse(String id) {
        int colon = id.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("notice id must be partner:externalId: " + id);
        }
        return new NoticeId(id.substring(0, colon), id.substring(colon + 1));
    }

    /**
     * Turns whatever a partner uses as identity into an external id: kept as it is when it is
     * already safe, else replaced by a stable hash of it, so the same source identity always gives
     * the same notice.
     */
    public static String externalIdFor(String partnerIdentity) {
        String trimmed = partnerIdentity.strip();
        if (EXTERNAL_ID.matcher(trimmed).matches()) {
            return trimmed;
        }
        return "h-" + sha256Hex(trimmed).substring(0, 32);
    }

    static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return partner + ":" + externalId;
    }
}
