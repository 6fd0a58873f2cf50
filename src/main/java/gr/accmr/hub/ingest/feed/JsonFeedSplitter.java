package gr.accmr.hub.ingest.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Cuts a JSON Feed 1.0/1.1 (https://www.jsonfeed.org/version/1.1/) into one document per item:
 * the feed's version, title, addresses and language with only that item.
 */
final class JsonFeedSplitter {

    /** Top-level fields every item document keeps (see {@link FeedSplitter}'s header for why so few). */
    private static final List<String> HEADER_FIELDS =
            List.of("version", "title", "home_page_url", "feed_url", "language");

    private JsonFeedSplitter() {}

    static boolean looksLikeJson(byte[] bytes) {
        int i = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef ? 3 : 0;
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        return i < bytes.length && bytes[i] == '{';
    }

    static FeedSplitter.Split split(byte[] bytes, FeedSplitter.Identity identity)
            throws FeedSplitter.UnreadableFeedException {
        JsonNode feed;
        try {
            feed = NoticeJson.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new FeedSplitter.UnreadableFeedException("not valid JSON: " + e.getMessage(), e);
        }
        if (!(feed instanceof ObjectNode header)
                || !feed.path("version").asText().startsWith("https://jsonfeed.org/version/")
                || !feed.path("items").isArray()) {
            throw new FeedSplitter.UnreadableFeedException("not a JSON Feed: no version or items", null);
        }
        // Only what the normalizer reads of the feed, bounded: a description, icon or extension of
        // megabytes must not be copied into each of thousands of items.
        ObjectNode skeleton = NoticeJson.mapper().createObjectNode();
        for (String field : HEADER_FIELDS) {
            JsonNode value = header.get(field);
            if (value != null && value.isTextual() && value.asText().length() <= FeedSplitter.MAX_HEADER_ELEMENT) {
                skeleton.set(field, value);
            }
        }
        List<FeedEntry> entries = new ArrayList<>();
        for (JsonNode item : feed.get("items")) {
            ObjectNode single = skeleton.deepCopy();
            ArrayNode items = single.putArray("items");
            items.add(item);
            try {
                entries.add(new FeedEntry(
                        externalId(item, identity),
                        RawHeaders.JSON_FEED_ENTRY,
                        NoticeJson.mapper().writeValueAsBytes(single),
                        text(item, "language") != null ? text(item, "language") : text(feed, "language"),
                        date(item),
                        FeedSplitter.sha256(item.toString())));
            } catch (IOException e) {
                throw new FeedSplitter.UnreadableFeedException("cannot write a JSON Feed item: " + e.getMessage(), e);
            }
        }
        return new FeedSplitter.Split(entries, List.of());
    }

    private static String externalId(JsonNode item, FeedSplitter.Identity identity) {
        String id = text(item, "id");
        if (identity == FeedSplitter.Identity.GUID && id != null) {
            return NoticeId.externalIdFor(id);
        }
        String url = text(item, "url");
        if (identity != FeedSplitter.Identity.CONTENT && url != null) {
            return NoticeId.externalIdFor(url);
        }
        return "c-"
                + FeedSplitter.sha256(item.path("title").asText() + "\n"
                                + item.path("content_html").asText()
                                + item.path("content_text").asText())
                        .substring(0, 32);
    }

    private static @Nullable Instant date(JsonNode item) {
        String date = text(item, "date_published") != null ? text(item, "date_published") : text(item, "date_modified");
        if (date == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(date).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isValueNode() || value.asText().isBlank() ? null : value.asText();
    }
}
