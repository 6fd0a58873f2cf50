package gr.accmr.hub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gr.accmr.hub.ingest.feed.FeedEntry;
import gr.accmr.hub.ingest.feed.FeedSplitter;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a document as a partner publishes it into the raw records ingest would write for it,
 * without Kafka: what the preview command shows operators before they add a partner.
 */
public final class RawSources {

    /** The kinds of document the hub reads. */
    public enum Type {
        RSS,
        ATOM,
        JSON_FEED,
        ZENDESK,
        DIRECTUS,
        PUSH,
        EMAIL;

        public static Type of(String name) {
            try {
                return valueOf(name.strip().replace('-', '_').toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown type '" + name + "' (rss, atom, json-feed, zendesk, directus, push, email)");
            }
        }
    }

    private final FeedSplitter splitter = new FeedSplitter();

    /** Guesses the type from the first bytes: XML, JSON (JSON Feed or pushed notice), or an e-mail. */
    public static Type detect(byte[] bytes) {
        String start = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8)
                .replace("\uFEFF", "")
                .stripLeading();
        if (start.startsWith("<")) {
            return start.contains("http://www.w3.org/2005/Atom") ? Type.ATOM : Type.RSS;
        }
        if (start.startsWith("{")) {
            if (start.contains("jsonfeed.org/version")) {
                return Type.JSON_FEED;
            }
            if (start.matches("(?s)^\\{\\s*\"(articles|article)\".*")) {
                return Type.ZENDESK;
            }
            return start.matches("(?s)^\\{\\s*\"data\".*") ? Type.DIRECTUS : Type.PUSH;
        }
        if (start.matches("(?s)^[A-Za-z][A-Za-z0-9-]*:.*")) {
            return Type.EMAIL;
        }
        throw new IllegalArgumentException("cannot tell what this is; give --type");
    }

    public List<RawDelivery> read(
            byte[] bytes, @Nullable Type type, String partner, String language, @Nullable String sourceUrl)
            throws IOException {
        Type actual = type != null ? type : detect(bytes);
        String route = "preview." + partner;
        List<RawDelivery> deliveries = new ArrayList<>();
        switch (actual) {
            case RSS, ATOM, JSON_FEED -> {
                try {
                    for (FeedEntry entry :
                            splitter.split(bytes, FeedSplitter.Identity.GUID).entries()) {
                        deliveries.add(new RawDelivery(
                                new NoticeId(partner, entry.externalId()),
                                route,
                                entry.contentType(),
                                entry.document(),
                                sourceUrl,
                                entry.language(),
                                language,
                                "news"));
                    }
                } catch (FeedSplitter.UnreadableFeedException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
            case ZENDESK -> deliveries.addAll(zendesk(bytes, partner, route, language, sourceUrl));
            case DIRECTUS -> {
                JsonNode data = NoticeJson.mapper().readTree(bytes);
                JsonNode items = data.has("data") ? data.get("data") : data;
                for (JsonNode item : items.isArray() ? items : List.of(items)) {
                    deliveries.add(new RawDelivery(
                            new NoticeId(
                                    partner,
                                    NoticeId.externalIdFor(item.path("id").asText())),
                            route,
                            RawHeaders.DIRECTUS_ITEM,
                            NoticeJson.mapper().writeValueAsBytes(item),
                            sourceUrl,
                            null,
                            language,
                            "service"));
                }
            }
            case PUSH -> {
                String externalId =
                        NoticeJson.mapper().readTree(bytes).path("externalId").asText();
                deliveries.add(new RawDelivery(
                        new NoticeId(partner, externalId),
                        route,
                        RawHeaders.PUSH_NOTICE,
                        bytes,
                        sourceUrl,
                        null,
                        language,
                        "notice"));
            }
            case EMAIL ->
                deliveries.add(new RawDelivery(
                        new NoticeId(partner, NoticeId.externalIdFor(messageId(bytes))),
                        route,
                        RawHeaders.EMAIL,
                        bytes,
                        sourceUrl,
                        null,
                        language,
                        "newsletter"));
        }
        return deliveries;
    }

    /**
     * A Zendesk listing ({@code {"articles": [...]}}, one or several locales) or a single article
     * ({@code {"article": {...}}}), grouped into one bundle per article as the Zendesk poller sends it.
     */
    private static List<RawDelivery> zendesk(
            byte[] bytes, String partner, String route, String language, @Nullable String sourceUrl)
            throws IOException {
        JsonNode listing = NoticeJson.mapper().readTree(bytes);
        List<JsonNode> articles = new ArrayList<>();
        listing.path("articles").forEach(articles::add);
        if (listing.has("article")) {
            articles.add(listing.get("article"));
        }
        if (articles.isEmpty() && listing.has("id") && listing.has("locale")) {
            articles.add(listing); // one article object on its own
        }
        Map<String, ObjectNode> bundles = new LinkedHashMap<>();
        for (JsonNode article : articles) {
            String id = article.path("id").asText();
            ObjectNode bundle = bundles.computeIfAbsent(id, key -> {
                ObjectNode created = NoticeJson.mapper().createObjectNode();
                created.put("baseUrl", "");
                created.put("articleId", article.path("id").asLong());
                created.put(
                        "sourceLocale",
                        article.path("source_locale")
                                .asText(article.path("locale").asText()));
                created.putArray("articles");
                return created;
            });
            ((ArrayNode) bundle.get("articles")).add(article);
        }
        List<RawDelivery> deliveries = new ArrayList<>();
        for (var bundle : bundles.entrySet()) {
            deliveries.add(new RawDelivery(
                    new NoticeId(partner, NoticeId.externalIdFor(bundle.getKey())),
                    route,
                    RawHeaders.ZENDESK_ARTICLE,
                    NoticeJson.mapper().writeValueAsBytes(bundle.getValue()),
                    sourceUrl,
                    null,
                    language,
                    "notice"));
        }
        return deliveries;
    }

    private static String messageId(byte[] bytes) {
        for (String line : new String(bytes, StandardCharsets.ISO_8859_1).split("\r?\n")) {
            if (line.isEmpty()) {
                break;
            }
            if (line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                // As the mailbox route does: the id without its angle brackets.
                return line.substring(11).strip().replaceAll("^<|>$", "");
            }
        }
        return "no-message-id-" + Integer.toHexString(java.util.Arrays.hashCode(bytes));
    }
}
