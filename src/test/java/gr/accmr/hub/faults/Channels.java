package gr.accmr.hub.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gr.accmr.hub.harness.HubInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What each channel holds for a set of notices, read the way its readers read it: the mobile feed
 * page by page through {@code next_url}, the archive API page by page through its {@code Link}
 * header, the static site's page files and sitemaps, each notice's journey (the delivery ledger),
 * and {@code hub.notices}. Each test notice is published once, so a notice counts as delivered on a
 * channel when the channel shows it once, at version 1; shown twice, or at another version, it is a
 * duplicate.
 */
final class Channels {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int JOURNEY_READERS = 6;
    private static final Pattern LINK_NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

    /**
     * One notice the test expects: its id, where its English page lies under a site folder, and
     * whether it is urgent (then the alert subscriber must receive it).
     */
    record Expected(String noticeId, String pagePath, boolean urgent) {

        static Expected of(String partner, String externalId) {
            return of(partner, externalId, false);
        }

        static Expected of(String partner, String externalId, boolean urgent) {
            return new Expected(partner + ":" + externalId, "en/" + partner + "/" + externalId + ".html", urgent);
        }
    }

    /** The state of every channel for the expected notices. */
    record Report(
            int expected,
            Map<String, Integer> delivered,
            Map<String, List<String>> missing,
            Map<String, List<String>> duplicates,
            int republishedOnNoticesTopic) {

        boolean complete() {
            return missing.values().stream().allMatch(List::isEmpty);
        }

        int duplicateCount() {
            return duplicates.values().stream().mapToInt(List::size).sum();
        }

        Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("delivered", delivered);
            Map<String, Integer> missingCounts = new LinkedHashMap<>();
            missing.forEach((channel, ids) -> missingCounts.put(channel, ids.size()));
            figures.put("missing", missingCounts);
            Map<String, Integer> duplicateCounts = new LinkedHashMap<>();
            duplicates.forEach((channel, ids) -> duplicateCounts.put(channel, ids.size()));
            figures.put("duplicates", duplicateCounts);
            figures.put("republishedOnNoticesTopic", republishedOnNoticesTopic);
            return figures;
        }

        @Override
        public String toString() {
            return "expected " + expected + ", delivered " + delivered + ", missing (first ids) " + first(missing)
                    + ", duplicates (first ids) " + first(duplicates);
        }

        private static Map<String, List<String>> first(Map<String, List<String>> ids) {
            Map<String, List<String>> first = new LinkedHashMap<>();
            ids.forEach(
                    (channel, list) -> first.put(channel, list.stream().limit(5).toList()));
            return first;
        }
    }

    /** The channels every notice must reach; the alerts channel records non-urgent notices as delivered too. */
    static final List<String> LEDGER_CHANNELS = List.of("alerts", "archive", "mobile", "website");

    private Channels() {}

    /**
     * A cheap look, for waiting: the delivery ledger's rows. Complete once every channel recorded
     * version 1 of every expected notice as delivered.
     */
    static boolean ledgerComplete(Connection db, Collection<Expected> expected) throws SQLException {
        List<String> ids = expected.stream().map(Expected::noticeId).toList();
        Map<String, List<Integer>> delivered = versions(
                db,
                "SELECT channel || ' ' || notice_id, version FROM fanout_delivery WHERE outcome = 'delivered'"
                        + " AND notice_id = ANY (?)",
                ids);
        return ids.stream()
                .allMatch(
                        id -> LEDGER_CHANNELS.stream().allMatch(channel -> delivered.containsKey(channel + " " + id)));
    }

    /**
     * Reads every channel through the hub's own API and files. {@code noticesTopic} is {@code
     * hub.notices} as read now (empty to skip); {@code website} where the hubs publish the site.
     */
    static Report read(
            HubInstance hub,
            Connection db,
            Collection<Expected> expected,
            List<ConsumerRecord<String, byte[]>> noticesTopic,
            Website website,
            String partner,
            List<AlertReceiver.Received> alerts)
            throws SQLException, IOException {
        List<String> ids = expected.stream().map(Expected::noticeId).toList();
        Map<String, List<Integer>> mobile = mobileFeed(hub, partner);
        Map<String, List<Integer>> archive = archiveApi(hub, partner);
        Map<String, List<Integer>> archiveVersions =
                versions(db, "SELECT notice_id, version FROM archive_notice_version WHERE notice_id = ANY (?)", ids);
        Map<String, Journey> journeys = journeys(hub, ids);

        Map<String, Integer> delivered = new LinkedHashMap<>();
        Map<String, List<String>> missing = new LinkedHashMap<>();
        Map<String, List<String>> duplicates = new LinkedHashMap<>();
        int republished = 0;
        channel("mobile feed", expected, e -> mobile.get(e.noticeId()), delivered, missing, duplicates);
        channel("archive API", expected, e -> archive.get(e.noticeId()), delivered, missing, duplicates);
        channel("archive versions", expected, e -> archiveVersions.get(e.noticeId()), delivered, missing, duplicates);
        for (Map.Entry<String, Map<String, List<Integer>>> check :
                website.read(expected).entrySet()) {
            channel(check.getKey(), expected, e -> check.getValue().get(e.noticeId()), delivered, missing, duplicates);
        }
        channel(
                "journey: published",
                expected,
                e -> journeys.get(e.noticeId()).published(),
                delivered,
                missing,
                duplicates);
        for (String name : LEDGER_CHANNELS) {
            channel(
                    "journey: " + name,
                    expected,
                    e -> journeys.get(e.noticeId()).delivered().get(name),
                    delivered,
                    missing,
                    duplicates);
        }
        // A receiver drops a webhook-id it has seen, so redeliveries of one alert count once;
        // two ids for one notice is a duplicate. Only urgent notices alert.
        Map<String, List<AlertReceiver.Received>> alerted =
                alerts.stream().collect(Collectors.groupingBy(AlertReceiver.Received::noticeId));
        List<Expected> urgent = expected.stream().filter(Expected::urgent).toList();
        channel(
                "alert subscriber",
                urgent,
                e -> alerted.containsKey(e.noticeId())
                        ? alerted.get(e.noticeId()).stream()
                                .map(AlertReceiver.Received::webhookId)
                                .distinct()
                                .map(id -> 1)
                                .toList()
                        : null,
                delivered,
                missing,
                duplicates);
        duplicates.put(
                "alert subscriber: bad signature",
                alerts.stream()
                        .filter(alert -> !alert.signed())
                        .map(AlertReceiver.Received::noticeId)
                        .distinct()
                        .toList());
        duplicates.put(
                "alert subscriber: not urgent",
                expected.stream()
                        .filter(e -> !e.urgent() && alerted.containsKey(e.noticeId()))
                        .map(Expected::noticeId)
                        .toList());
        if (!noticesTopic.isEmpty()) {
            // hub.notices is at least once: a batch whose publication was acknowledged but not yet
            // recorded when PostgreSQL or the process went away is published again, the same
            // version with the same content, and the channels ignore it. Two versions or two
            // contents of one test notice would be a duplicate.
            Map<String, List<String>> onTopic = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : noticesTopic) {
                if (record.value() != null && record.key() != null) {
                    JsonNode notice = JSON.readTree(record.value());
                    onTopic.computeIfAbsent(record.key(), key -> new ArrayList<>())
                            .add(notice.path("version").asInt(-1) + " "
                                    + notice.path("contentHash").asText());
                }
            }
            channel(
                    "hub.notices",
                    expected,
                    e -> onTopic.containsKey(e.noticeId())
                            ? onTopic.get(e.noticeId()).stream()
                                    .distinct()
                                    .map(versionAndHash ->
                                            Integer.parseInt(versionAndHash.split(" ")[0]))
                                    .toList()
                            : null,
                    delivered,
                    missing,
                    duplicates);
            republished = expected.stream()
                    .mapToInt(e -> onTopic.getOrDefault(e.noticeId(), List.of()).size())
                    .map(records -> Math.max(0, records - 1))
                    .sum();
        }
        return new Report(expected.size(), delivered, missing, duplicates, republished);
    }

    /**
     * One channel's tally: a notice is there when it shows up at all, and a duplicate when it shows
     * up more than once or at any version but 1.
     */
    private static void channel(
            String channel,
            Collection<Expected> expected,
            java.util.function.Function<Expected, List<Integer>> shown,
            Map<String, Integer> delivered,
            Map<String, List<String>> missing,
            Map<String, List<String>> duplicates) {
        List<String> absent = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        for (Expected notice : expected) {
            List<Integer> versions = shown.apply(notice);
            if (versions == null || versions.isEmpty()) {
                absent.add(notice.noticeId());
            } else if (!versions.equals(List.of(1))) {
                twice.add(notice.noticeId());
            }
        }
        delivered.put(channel, expected.size() - absent.size());
        missing.put(channel, absent);
        duplicates.put(channel, twice);
    }

    /** Every item of the partner's English feed, following {@code next_url} as an app does: id to versions seen. */
    private static Map<String, List<Integer>> mobileFeed(HubInstance hub, String partner) throws IOException {
        Map<String, List<Integer>> seen = new HashMap<>();
        URI next = hub.uri("/feeds/en.json?partner=" + partner + "&limit=200");
        for (int pages = 0; next != null; pages++) {
            if (pages > 10_000) {
                throw new IllegalStateException("the feed's next_url never ends");
            }
            JsonNode page = JSON.readTree(ok(hub.get(next)).body());
            for (JsonNode item : page.path("items")) {
                seen.computeIfAbsent(item.path("id").asText(), id -> new ArrayList<>())
                        .add(item.path("_accmr").path("version").asInt(-1));
            }
            next = page.hasNonNull("next_url") ? URI.create(page.get("next_url").asText()) : null;
        }
        return seen;
    }

    /** Every notice of the partner in the archive's list, following the {@code Link} header: id to versions seen. */
    private static Map<String, List<Integer>> archiveApi(HubInstance hub, String partner) throws IOException {
        Map<String, List<Integer>> seen = new HashMap<>();
        URI next = hub.uri("/api/v1/archive/notices?partner=" + partner + "&limit=500");
        for (int pages = 0; next != null; pages++) {
            if (pages > 10_000) {
                throw new IllegalStateException("the archive's Link never ends");
            }
            HttpResponse<String> response = ok(hub.get(next));
            for (JsonNode notice : JSON.readTree(response.body())) {
                seen.computeIfAbsent(notice.path("id").asText(), id -> new ArrayList<>())
                        .add(notice.path("version").asInt(-1));
            }
            next = response.headers()
                    .firstValue("Link")
                    .map(LINK_NEXT::matcher)
                    .filter(Matcher::find)
                    .map(matcher -> URI.create(matcher.group(1)))
                    .orElse(null);
        }
        return seen;
    }

    /** A notice's journey: the versions published, and per channel the versions it delivered. */
    record Journey(List<Integer> published, Map<String, List<Integer>> delivered) {}

    /**
     * Every notice's journey, a few requests at a time as several readers would make them: one
     * after another, a thousand journeys take minutes on a small, busy machine.
     */
    private static Map<String, Journey> journeys(HubInstance hub, List<String> ids) throws IOException {
        ExecutorService readers = Executors.newFixedThreadPool(JOURNEY_READERS);
        try {
            Map<String, Future<Journey>> reading = new LinkedHashMap<>();
            for (String id : ids) {
                reading.put(id, readers.submit(() -> journey(hub, id)));
            }
            Map<String, Journey> journeys = new HashMap<>();
            for (Map.Entry<String, Future<Journey>> each : reading.entrySet()) {
                journeys.put(each.getKey(), each.getValue().get());
            }
            return journeys;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException failed) {
                throw failed;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading journeys", e);
        } finally {
            readers.shutdownNow();
        }
    }

    private static Journey journey(HubInstance hub, String id) throws IOException {
        HttpResponse<String> response = hub.get("/api/v1/notices/" + id + "/journey");
        if (response.statusCode() == 404) {
            return new Journey(List.of(), Map.of());
        }
        JsonNode journey = JSON.readTree(ok(response).body());
        List<Integer> published = new ArrayList<>();
        for (JsonNode step : journey.path("versions")) {
            published.add(step.path("published").path("version").asInt(-1));
        }
        Map<String, List<Integer>> delivered = new HashMap<>();
        for (JsonNode delivery : journey.path("deliveries")) {
            if ("delivered".equals(delivery.path("outcome").asText())) {
                delivered
                        .computeIfAbsent(delivery.path("channel").asText(), channel -> new ArrayList<>())
                        .add(delivery.path("version").asInt(-1));
            }
        }
        return new Journey(published, delivered);
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new UncheckedIOException(new IOException(
                    response.request().uri() + " answered " + response.statusCode() + ": " + response.body()));
        }
        return response;
    }

    private static Map<String, List<Integer>> versions(Connection db, String sql, List<String> ids)
            throws SQLException {
        Map<String, List<Integer>> versions = new HashMap<>();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            Array array = db.createArrayOf("text", ids.toArray());
            statement.setArray(1, array);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    versions.computeIfAbsent(rows.getString(1), id -> new ArrayList<>())
                            .add(rows.getInt(2));
                }
            }
        }
        return versions;
    }

    /** Ids of the expected notices, in the order given. */
    static Set<String> ids(Collection<Expected> expected) {
        return expected.stream().map(Expected::noticeId).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
