package gr.accmr.hub.ingest.directus;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gr.accmr.hub.ingest.Checkpoints;
import gr.accmr.hub.ingest.OutboundHttp;
import gr.accmr.hub.ingest.PartnerPolling;
import gr.accmr.hub.ingest.RawDelivery;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one Directus collection for items changed since the last poll and hands each of them to
 * {@code hub.inbound.raw}: a published item as the JSON object Directus returned (its bytes cut
 * out of the response unchanged), any other status as a retraction.
 *
 * <p>Pages are read by keyset, not by {@code offset}: an item edited while the poller pages would
 * move to the end of an offset listing and shift an unseen item onto a page already read. The key
 * is {@code (date_updated, id)}; items that were never updated have no {@code date_updated}, so a
 * second pass walks them by {@code (date_created, id)}. An item leaves the second population only
 * by being updated, which puts it after the first pass's cursor, so neither pass misses it.
 *
 * <p>The very first poll asks for published items only, as a partner's full listing would. Every
 * later poll asks for all statuses, because a change to draft or archived is how Directus says
 * that a service is withdrawn.
 */
public final class DirectusPoller {

    /** Items per request: Directus' own default, well under its usual {@code QUERY_LIMIT_MAX}. */
    static final int PAGE_SIZE = 100;

    static final String FIELDS = "*,translations.*,translations.languages_id.code";
    static final String PUBLISHED = "published";
    static final String KIND = "service";

    private static final Logger log = LoggerFactory.getLogger(DirectusPoller.class);
    private static final int EXCERPT = 200;

    /** Hands one raw record to Kafka and returns only after Kafka acknowledged it. */
    @FunctionalInterface
    public interface Sink {
        void publish(RawDelivery delivery);
    }

    /** Where the poller keeps its cursor between polls. */
    public interface CursorStore {
        Optional<String> load(String partner, String name);

        void save(String partner, String name, String value);

        /** The hub's durable checkpoint table. */
        static CursorStore durable(Checkpoints checkpoints) {
            return new CursorStore() {
                @Override
                public Optional<String> load(String partner, String name) {
                    return checkpoints.get(partner, name);
                }

                @Override
                public void save(String partner, String name, String value) {
                    checkpoints.put(partner, name, value);
                }
            };
        }
    }

    /** The two populations of a collection and the field each one is ordered by. */
    enum Pass {
        UPDATED("date_updated"),
        NEVER_UPDATED("date_created");

        final String field;

        Pass(String field) {
            this.field = field;
        }
    }

    /** The last item handed over in one pass. */
    record Cursor(String at, String id) {}

    /** What the checkpoint {@code directus:<collection>} holds, as JSON. */
    record Checkpoint(@Nullable Cursor updated, @Nullable Cursor created) {

        @Nullable
        Cursor of(Pass pass) {
            return pass == Pass.UPDATED ? updated : created;
        }

        Checkpoint with(Pass pass, Cursor cursor) {
            return pass == Pass.UPDATED ? new Checkpoint(cursor, created) : new Checkpoint(updated, cursor);
        }
    }

    /** One item as Directus returned it: parsed, and its exact bytes. */
    record Item(JsonNode json, byte[] bytes) {}

    private final OutboundHttp http;
    private final Sink sink;
    private final CursorStore cursors;
    private final int pageSize;
    private final Clock clock;
    private final ObjectMapper json = NoticeJson.mapper();

    public DirectusPoller(OutboundHttp http, Sink sink, CursorStore cursors) {
        this(http, sink, cursors, PAGE_SIZE, Clock.systemUTC());
    }

    DirectusPoller(OutboundHttp http, Sink sink, CursorStore cursors, int pageSize, Clock clock) {
        this.http = http;
        this.sink = sink;
        this.cursors = cursors;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    static String checkpointName(String collection) {
        return "directus:" + collection;
    }

    /**
     * Hands every item changed since the last poll to the sink, oldest first, and returns how many
     * records it sent. Throws {@link PartnerPolling.RetryLaterException} when Directus asks for a
     * pause (429, 503) and {@link IOException} for any other failure; what was acknowledged before
     * the failure stays behind the cursor.
     */
    public int poll(DirectusSource source) throws IOException {
        String name = checkpointName(source.collection());
        Optional<String> stored = cursors.load(source.partner(), name);
        boolean firstPoll = stored.isEmpty();
        Checkpoint checkpoint = stored.isPresent() ? readCheckpoint(stored.get()) : new Checkpoint(null, null);
        int sent = 0;
        for (Pass pass : Pass.values()) {
            Cursor cursor = checkpoint.of(pass);
            while (true) {
                List<Item> page = fetch(source, pass, cursor, firstPoll);
                if (page.isEmpty()) {
                    break;
                }
                for (Item item : page) {
                    if (publish(source, item)) {
                        sent++;
                    }
                }
                Cursor next = cursorOf(page.get(page.size() - 1), pass);
                if (next.equals(cursor)) {
                    // Directus ignored the keyset filter: paging on would read the same page forever.
                    throw new IOException("Directus returned the items at " + next + " again; is the filter applied?");
                }
                cursor = next;
                checkpoint = checkpoint.with(pass, cursor);
                // Every record of this page is acknowledged, so the cursor may move past them.
                cursors.save(source.partner(), name, json.writeValueAsString(checkpoint));
                if (page.size() < pageSize) {
                    break;
                }
            }
        }
        return sent;
    }

    /** The request for one page of one pass after the cursor. */
    URI pageUri(DirectusSource source, Pass pass, @Nullable Cursor cursor, boolean firstPoll) {
        ArrayNode all = json.createArrayNode();
        if (firstPoll) {
            all.addObject().putObject("status").put("_eq", PUBLISHED);
        }
        if (pass == Pass.NEVER_UPDATED) {
            all.addObject().putObject(Pass.UPDATED.field).put("_null", true);
        }
        if (cursor == null) {
            all.addObject().putObject(pass.field).put("_nnull", true);
        } else {
            ArrayNode after = all.addObject().putArray("_or");
            after.addObject().putObject(pass.field).put("_gt", cursor.at());
            ArrayNode tie = after.addObject().putArray("_and");
            tie.addObject().putObject(pass.field).put("_eq", cursor.at());
            tie.addObject().putObject("id").put("_gt", cursor.id());
        }
        ObjectNode filter = json.createObjectNode();
        filter.set("_and", all);

        Map<String, String> query = new LinkedHashMap<>();
        query.put("fields", FIELDS);
        flatten("filter", filter, query);
        query.put("sort", pass.field + ",id");
        query.put("limit", String.valueOf(pageSize));
        String base = source.baseUrl().toString().replaceAll("/+$", "");
        return URI.create(base + "/items/" + encode(source.collection()) + "?"
                + query.entrySet().stream()
                        .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                        .collect(Collectors.joining("&")));
    }

    private List<Item> fetch(DirectusSource source, Pass pass, @Nullable Cursor cursor, boolean firstPoll)
            throws IOException {
        URI uri = pageUri(source, pass, cursor, firstPoll);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        // A header, never a query parameter, so the token stays out of URLs, logs and error messages.
        if (!source.token().isBlank()) {
            headers.put("Authorization", "Bearer " + source.token().strip());
        }
        OutboundHttp.Response response = http.get(uri, headers, source.allowPrivateNetwork());
        int status = response.status();
        if (status == 429 || status == 503) {
            throw new PartnerPolling.RetryLaterException(
                    "Directus answered " + status + " for " + uri.getPath(),
                    OutboundHttp.retryAfter(response, clock.instant()));
        }
        if (status < 200 || status > 299) {
            throw new IOException(
                    "Directus answered " + status + " for " + uri.getPath() + ": " + excerpt(response.body()));
        }
        return items(response.body());
    }

    /**
     * The objects of {@code data}, each with the bytes it occupies in the response, so the raw
     * record is the item exactly as Directus sent it and not a re-serialization of it.
     */
    List<Item> items(byte[] body) throws IOException {
        List<Item> items = new ArrayList<>();
        boolean sawData = false;
        try (JsonParser parser = json.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("Directus response is not a JSON object: " + excerpt(body));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!"data".equals(field)) {
                    parser.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw new IOException("Directus response has no list in 'data': " + excerpt(body));
                }
                sawData = true;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (parser.currentToken() != JsonToken.START_OBJECT) {
                        throw new IOException("Directus response has a non-object in 'data': " + excerpt(body));
                    }
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    JsonNode item = json.readTree(parser);
                    int end = (int) parser.currentLocation().getByteOffset();
                    items.add(new Item(item, Arrays.copyOfRange(body, start, end)));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IOException("Directus response is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!sawData) {
            throw new IOException("Directus response has no 'data': " + excerpt(body));
        }
        return items;
    }

    /** Sends one item as a record; false for an item without an id, which no notice can be keyed by. */
    private boolean publish(DirectusSource source, Item item) {
        JsonNode id = item.json().get("id");
        if (id == null || !id.isValueNode() || id.asText().isBlank()) {
            log.warn("Partner {}: skipped an item of {} without an id", source.partner(), source.collection());
            return false;
        }
        // Directus ids are integers or UUIDs, both safe already; anything else is hashed.
        NoticeId key = new NoticeId(source.partner(), NoticeId.externalIdFor(id.asText()));
        // The item's API address, for operators tracing a notice back; it carries no token.
        String base = source.baseUrl().toString().replaceAll("/+$", "");
        String url = base + "/items/" + encode(source.collection()) + "/" + encode(id.asText());
        JsonNode status = item.json().get("status");
        // A collection without a status field publishes everything it holds.
        boolean published = status == null || status.isNull() || PUBLISHED.equals(status.asText());
        byte[] body;
        String contentType;
        if (published) {
            body = item.bytes();
            contentType = RawHeaders.DIRECTUS_ITEM;
        } else {
            ObjectNode retraction = json.createObjectNode().put("externalId", key.externalId());
            body = retraction.toString().getBytes(StandardCharsets.UTF_8);
            contentType = RawHeaders.RETRACTION;
        }
        sink.publish(new RawDelivery(key, source.route(), contentType, body, url, null, source.language(), KIND));
        return true;
    }

    private static Cursor cursorOf(Item item, Pass pass) throws IOException {
        JsonNode at = item.json().get(pass.field);
        JsonNode id = item.json().get("id");
        if (at == null || !at.isValueNode() || at.isNull() || id == null || !id.isValueNode()) {
            throw new IOException("Directus item has no " + pass.field + " or id to page by: " + item.json());
        }
        // Kept exactly as Directus wrote it, so the next filter compares like with like.
        return new Cursor(at.asText(), id.asText());
    }

    private Checkpoint readCheckpoint(String value) throws IOException {
        try {
            return json.readValue(value, Checkpoint.class);
        } catch (JsonProcessingException e) {
            throw new IOException("unreadable Directus checkpoint '" + value + "'", e);
        }
    }

    /** Directus reads nested filters from bracketed query parameters: {@code filter[_and][0][status][_eq]}. */
    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(field -> flatten(prefix + "[" + field.getKey() + "]", field.getValue(), into));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), into);
            }
        } else {
            into.put(prefix, node.asText());
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String excerpt(byte[] body) {
        String text =
                new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
    }
}
