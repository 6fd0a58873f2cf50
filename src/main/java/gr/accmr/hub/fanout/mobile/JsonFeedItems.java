package gr.accmr.hub.fanout.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.Translation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON Feed 1.1 items and feeds (https://www.jsonfeed.org/version/1.1/). Writing direction and
 * the hub's own fields travel in the {@code _accmr} extension object, as the spec prescribes for
 * extensions.
 */
final class JsonFeedItems {

    static final String VERSION = "https://jsonfeed.org/version/1.1";

    private JsonFeedItems() {}

    /** The item of the notice's translation in {@code language}. */
    static Map<String, Object> item(Notice notice, String language) {
        Translation translation = notice.translations().get(language);
        if (translation == null) {
            throw new IllegalArgumentException(notice.id() + " has no translation in " + language);
        }
        return item(notice, language, translation);
    }

    /**
     * The translation shown in feeds of languages the notice has no translation in, when the
     * fallback is {@code original}: the original language's, or the first there is. Its item says
     * its {@code language} and is marked by {@link #asFallback}.
     */
    static String fallbackLanguage(Notice notice) {
        return notice.translations().containsKey(notice.originalLanguage())
                ? notice.originalLanguage()
                : notice.translations().keySet().iterator().next();
    }

    /**
     * A translation's item shown in another language's feed: {@code _accmr.fallback} set, so apps
     * can say so and lay it out in its own direction. The feeds keep one item per translation and
     * mark it as they read it.
     */
    static JsonNode asFallback(JsonNode item) {
        if (item instanceof ObjectNode object && object.get("_accmr") instanceof ObjectNode extension) {
            extension.put("fallback", true);
        }
        return item;
    }

    private static Map<String, Object> item(Notice notice, String language, Translation translation) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", notice.id());
        if (translation.url() != null) {
            item.put("url", translation.url());
        }
        item.put("title", translation.title());
        item.put("content_html", translation.bodyHtml());
        item.put("content_text", translation.bodyText());
        item.put("summary", translation.summary());
        if (notice.publishedAt() != null) {
            item.put("date_published", notice.publishedAt().toString());
        }
        if (notice.updatedAt() != null) {
            item.put("date_modified", notice.updatedAt().toString());
        }
        if (!notice.categories().isEmpty()) {
            item.put("tags", notice.categories());
        }
        item.put("language", language);
        if (!notice.attachments().isEmpty()) {
            item.put(
                    "attachments",
                    notice.attachments().stream()
                            .map(attachment -> {
                                Map<String, Object> entry = new LinkedHashMap<>();
                                entry.put("url", attachment.href());
                                entry.put(
                                        "mime_type",
                                        attachment.type() == null ? "application/octet-stream" : attachment.type());
                                if (attachment.length() != null) {
                                    entry.put("size_in_bytes", attachment.length());
                                }
                                return entry;
                            })
                            .toList());
        }
        Map<String, Object> extension = new LinkedHashMap<>();
        extension.put("dir", translation.dir());
        extension.put("partner", notice.partner());
        extension.put("kind", lower(notice.kind()));
        extension.put("urgency", lower(notice.urgency()));
        extension.put("version", notice.version());
        if (Boolean.TRUE.equals(translation.outdated())) {
            // Apps can say so and offer the original language's item.
            extension.put("outdated", true);
            extension.put("originalLanguage", notice.originalLanguage());
        }
        item.put("_accmr", extension);
        return item;
    }

    /**
     * A page of a feed. {@code feedUrl} is the first page (with the request's filters), which JSON
     * Feed takes as the feed's identity; {@code nextUrl} the following page, if any.
     */
    static Map<String, Object> feed(
            String language, String feedUrl, @Nullable String nextUrl, List<? extends Object> items) {
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("version", VERSION);
        feed.put("title", title(language));
        feed.put("feed_url", feedUrl);
        if (nextUrl != null) {
            feed.put("next_url", nextUrl);
        }
        feed.put("description", DESCRIPTION);
        feed.put("language", language);
        feed.put("items", items);
        feed.put("_accmr", Map.of("dir", Languages.direction(language)));
        return feed;
    }

    static final String DESCRIPTION =
            "Information for migrants and refugees from the partners of the City of Athens' ACCMR";

    static String title(String language) {
        return "ACCMR partner notices (" + language + ")";
    }

    /** The lower-case form of the notice model's enums, as JSON and the filters spell them. */
    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
