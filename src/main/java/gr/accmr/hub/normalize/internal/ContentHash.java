package gr.accmr.hub.normalize.internal;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.Translation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The hash that decides whether a notice really changed. It covers what readers see and nothing
 * that moves on its own: not the version, not when or from which offset the hub received it, and
 * not the partner's publication and update stamps (feeds without a publication date fall back to
 * the update stamp, which partners touch without changing a word), nor the time stamps of single
 * translations. Validity dates are content: they decide whether channels show the notice.
 *
 * <p>Each covered field goes into the SHA-256 in a fixed order, as its length and its UTF-8 bytes
 * (an absent one as length -1), so no two different notices give the same input. Translations
 * come in the order of their language codes, and their HTML in the form of {@link
 * #canonicalHtml}.
 */
public final class ContentHash {

    private ContentHash() {}

    public static String of(Notice notice) {
        Digest digest = new Digest();
        digest.add(notice.kind().name())
                .add(notice.status().name())
                .add(notice.urgency().name())
                .add(notice.validFrom())
                .add(notice.expiresAt())
                .add(notice.originalLanguage());
        digest.count(notice.translations().size());
        for (Map.Entry<String, Translation> entry : new TreeMap<>(notice.translations()).entrySet()) {
            Translation t = entry.getValue();
            digest.add(entry.getKey())
                    .add(t.title())
                    .add(t.summary())
                    .add(canonicalHtml(t.bodyHtml()))
                    .add(oneLine(t.bodyText()))
                    .add(t.dir())
                    .add(t.url())
                    .add(t.languageSource())
                    .add(Boolean.TRUE.equals(t.outdated()) ? "outdated" : null);
        }
        digest.count(notice.categories().size());
        notice.categories().forEach(digest::add);
        Notice.Location location = notice.location();
        digest.add(location == null ? null : "location");
        if (location != null) {
            digest.add(location.address());
            digest.add(
                    location.point() == null
                            ? null
                            : location.point().coordinates().toString());
        }
        digest.count(notice.links().size());
        notice.links().forEach(link -> digest.add(link.href()).add(link.rel()).add(link.title()));
        digest.count(notice.attachments().size());
        notice.attachments()
                .forEach(attachment -> digest.add(attachment.href())
                        .add(attachment.type())
                        .add(
                                attachment.length() == null
                                        ? null
                                        : attachment.length().toString())
                        .add(attachment.title()));
        return "sha256:" + HexFormat.of().formatHex(digest.sha256.digest());
    }

    /**
     * The text with its line breaks as spaces, as it was derived before blocks were kept on lines
     * of their own: a notice published then keeps its hash, and a change of the lines alone shows
     * in the HTML, which the hash covers.
     */
    static String oneLine(String bodyText) {
        return bodyText.indexOf('\n') < 0 ? bodyText : bodyText.replace('\n', ' ');
    }

    /** Fields as length-prefixed UTF-8 into one SHA-256. */
    private static final class Digest {

        private final MessageDigest sha256;
        private final byte[] length = new byte[4];

        Digest() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }

        Digest add(@Nullable String value) {
            if (value == null) {
                return count(-1);
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            count(bytes.length);
            sha256.update(bytes);
            return this;
        }

        Digest add(@Nullable Instant value) {
            return add(value == null ? null : value.toString());
        }

        Digest count(int value) {
            length[0] = (byte) (value >>> 24);
            length[1] = (byte) (value >>> 16);
            length[2] = (byte) (value >>> 8);
            length[3] = (byte) value;
            sha256.update(length);
            return this;
        }
    }

    /**
     * Sanitized HTML with the attributes of every tag in alphabetical order, runs of white space as
     * one space and none next to a tag. One scan: the sanitizer quotes every attribute value and
     * escapes {@code <}, {@code >} and {@code "} inside them, so a tag ends at the next {@code >}.
     */
    static String canonicalHtml(String sanitizedHtml) {
        String html = sanitizedHtml;
        StringBuilder out = new StringBuilder(html.length());
        boolean space = false;
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            int end = c == '<' ? html.indexOf('>', i) : -1;
            if (end > 0) {
                appendTag(out, html.substring(i + 1, end));
                space = false;
                i = end + 1;
                while (i < html.length() && isSpace(html.charAt(i))) {
                    i++;
                }
            } else if (isSpace(c)) {
                space = true;
                i++;
            } else {
                int run = i + 1;
                while (run < html.length() && html.charAt(run) != '<' && !isSpace(html.charAt(run))) {
                    run++;
                }
                if (space && !out.isEmpty()) {
                    out.append(' ');
                }
                space = false;
                out.append(html, i, run);
                i = run;
            }
        }
        return out.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** A tag (what is between {@code <} and {@code >}) with its attributes sorted. */
    private static void appendTag(StringBuilder out, String tag) {
        if (tag.indexOf('=') == tag.lastIndexOf('=')) {
            out.append('<').append(tag).append('>'); // at most one attribute: nothing to sort
            return;
        }
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < tag.length()) {
            while (i < tag.length() && isSpace(tag.charAt(i))) {
                i++;
            }
            int start = i;
            boolean quoted = false;
            while (i < tag.length() && (quoted || !isSpace(tag.charAt(i)))) {
                quoted ^= tag.charAt(i) == '"';
                i++;
            }
            if (i > start) {
                parts.add(tag.substring(start, i));
            }
        }
        boolean selfClosing = !parts.isEmpty() && parts.get(parts.size() - 1).equals("/");
        List<String> attributes = parts.subList(Math.min(1, parts.size()), parts.size() - (selfClosing ? 1 : 0));
        Collections.sort(attributes);
        out.append('<').append(String.join(" ", parts)).append('>');
    }
}
