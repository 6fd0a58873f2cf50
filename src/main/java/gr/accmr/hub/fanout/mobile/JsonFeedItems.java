package gr.accmr.hub.fanout.mobile;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.Translation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON Feed 1.1 items and feeds (https://www.jsonfeed.org/version/1.1/). Writing direction and
 * the hub's own fields travel in the {@code _accmr} extension object, as the spec prescribes for
 * extensions.
 */
final class JsonFeedItems {

    static final String VERSION = "https://jsonfeed.org/version/1.1";

    private JsonFeedItems() {}

    static Map<String, Object> item(Notice notice, String language) {
        Translation translation = notice.translations().get(language);
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
        extension.put("kind", notice.kind().name().toLowerCase(java.util.Locale.ROOT));
        extension.put("urgency", notice.urgency().name().toLowerCase(java.util.Locale.ROOT));
        extension.put("version", notice.version());
        if (Boolean.TRUE.equals(translation.outdated())) {
            // Apps can say so and offer the original language's item.
            extension.put("outdated", true);
            extension.put("originalLanguage", notice.originalLanguage());
        }
        item.put("_accmr", extension);
        return item;
    }

    static Map<String, Object> feed(String language, String feedUrl, Iterable<Object> items) {
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("version", VERSION);
        feed.put("title", "ACCMR partner notices (" + language + ")");
        feed.put("feed_url", feedUrl);
        feed.put("description", "Information for migrants and refugees from the partners of the City of Athens' ACCMR");
        feed.put("language", language);
        feed.put("items", items);
        return feed;
    }
}
