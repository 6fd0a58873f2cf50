package gr.accmr.hub.normalize.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.Translation;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The hash that decides whether a notice really changed. It covers what readers see and nothing
 * that moves on its own: not the version, not when or from which offset the hub received it, and
 * not the partner's publication and update stamps (feeds without a publication date fall back to
 * the update stamp, which partners touch without changing a word), nor the time stamps of single
 * translations. Validity dates are content:
 * they decide whether channels show the notice.
 */
public final class ContentHash {

    private ContentHash() {}

    public static String of(Notice notice) {
        Content content = new Content(
                notice.kind(),
                notice.status(),
                notice.urgency(),
                notice.validFrom(),
                notice.expiresAt(),
                notice.originalLanguage(),
                texts(notice.translations()),
                notice.categories(),
                notice.location(),
                notice.links(),
                notice.attachments());
        try {
            byte[] canonical = NoticeJson.mapper().writeValueAsBytes(content);
            return "sha256:"
                    + java.util.HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash notice " + notice.id(), e);
        }
    }

    /**
     * The translations without their time stamps (whether one is outdated is content), and their
     * HTML without what a reader cannot see: the order of a tag's attributes and how much white
     * space there is. The plain text beside it still tells "a b" from "ab".
     */
    private static Map<String, Translation> texts(Map<String, Translation> translations) {
        Map<String, Translation> texts = new TreeMap<>();
        translations.forEach((language, t) -> texts.put(
                language,
                new Translation(
                        t.title(),
                        t.summary(),
                        canonicalHtml(t.bodyHtml()),
                        t.bodyText(),
                        t.dir(),
                        t.url(),
                        t.languageSource(),
                        null,
                        t.outdated())));
        return texts;
    }

    private static final Pattern START_TAG =
            Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)((?:\\s+[^\\s=>/]+(?:=\"[^\"]*\")?)+)\\s*(/?)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("[^\\s=>/]+(?:=\"[^\"]*\")?");
    private static final Pattern SPACE_AROUND_TAGS = Pattern.compile("\\s*(<[^>]*>)\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** Sanitized HTML with the attributes of every tag in alphabetical order and white space collapsed. */
    static String canonicalHtml(String sanitizedHtml) {
        Matcher tag = START_TAG.matcher(sanitizedHtml);
        StringBuilder sorted = new StringBuilder(sanitizedHtml.length());
        while (tag.find()) {
            List<String> attributes = new ArrayList<>();
            Matcher attribute = ATTRIBUTE.matcher(tag.group(2));
            while (attribute.find()) {
                attributes.add(attribute.group());
            }
            Collections.sort(attributes);
            tag.appendReplacement(
                    sorted,
                    Matcher.quoteReplacement(
                            "<" + tag.group(1) + " " + String.join(" ", attributes) + tag.group(3) + ">"));
        }
        tag.appendTail(sorted);
        String collapsed = SPACES.matcher(sorted).replaceAll(" ");
        return SPACE_AROUND_TAGS.matcher(collapsed).replaceAll("$1").strip();
    }

    private record Content(
            Notice.Kind kind,
            Notice.Status status,
            Notice.Urgency urgency,
            @Nullable Instant validFrom,
            @Nullable Instant expiresAt,
            String originalLanguage,
            Map<String, ?> translations,
            List<String> categories,
            Notice.@Nullable Location location,
            List<Notice.Link> links,
            List<Notice.Attachment> attachments) {}
}
