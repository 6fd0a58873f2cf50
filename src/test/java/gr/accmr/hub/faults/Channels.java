package gr.accmr.hub.faults;

import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What each channel holds for a set of notices, read where the channels keep it: the archive and
 * mobile tables, the website table and its page files, and {@code hub.notices}. A notice counts as
 * delivered on a channel when it is there at version 1 (each test notice is published once); it
 * counts as a duplicate when a channel or the notices topic holds more than one version of it.
 */
final class Channels {

    /** One notice the test expects: its id, and where its English page lies under a site folder. */
    record Expected(String noticeId, String pagePath) {

        static Expected of(String partner, String externalId) {
            return new Expected(partner + ":" + externalId, "en/" + partner + "/" + externalId + ".html");
        }
    }

    /** The state of every channel for the expected notices. */
    record Report(
            int expected,
            Map<String, Integer> delivered,
            Map<String, List<String>> missing,
            Map<String, List<String>> duplicates) {

        boolean complete() {
            return delivered.values().stream().allMatch(count -> count == expected);
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

    static final List<String> CHANNELS = List.of("archive", "mobile", "website", "website-pages");

    private Channels() {}

    /**
     * Reads every channel. {@code noticesTopic} is {@code hub.notices} as read now (null to skip);
     * {@code siteDirs} the site folders of every hub that writes pages.
     */
    static Report read(
            Connection db,
            Collection<Expected> expected,
            List<ConsumerRecord<String, byte[]>> noticesTopic,
            Collection<Path> siteDirs)
            throws SQLException {
        List<String> ids = expected.stream().map(Expected::noticeId).toList();
        Map<String, List<Integer>> archive = versions(db, "SELECT notice_id, version FROM archive_notice_version", ids);
        Map<String, List<Integer>> archiveCurrent = versions(db, "SELECT notice_id, version FROM archive_notice", ids);
        Map<String, List<Integer>> mobile =
                versions(db, "SELECT notice_id, version FROM mobile_feed_item WHERE lang = 'en'", ids);
        Map<String, List<Integer>> website =
                versions(db, "SELECT notice_id, version FROM website_notice WHERE visible", ids);
        Map<String, Long> onTopic = noticesTopic.stream()
                .filter(record -> record.value() != null)
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));

        Map<String, Integer> delivered = new LinkedHashMap<>();
        Map<String, List<String>> missing = new LinkedHashMap<>();
        Map<String, List<String>> duplicates = new LinkedHashMap<>();
        tally(
                "archive",
                expected,
                e -> once(archive.get(e.noticeId())) && once(archiveCurrent.get(e.noticeId())),
                delivered,
                missing);
        tally("mobile", expected, e -> once(mobile.get(e.noticeId())), delivered, missing);
        tally("website", expected, e -> once(website.get(e.noticeId())), delivered, missing);
        tally(
                "website-pages",
                expected,
                e -> siteDirs.stream().anyMatch(dir -> Files.isRegularFile(dir.resolve(e.pagePath()))),
                delivered,
                missing);
        duplicates.put("archive", twice(archive, ids));
        duplicates.put("mobile", twice(mobile, ids));
        duplicates.put("website", twice(website, ids));
        duplicates.put(
                "hub.notices",
                ids.stream().filter(id -> onTopic.getOrDefault(id, 0L) > 1).toList());
        return new Report(expected.size(), delivered, missing, duplicates);
    }

    private static void tally(
            String channel,
            Collection<Expected> expected,
            java.util.function.Predicate<Expected> present,
            Map<String, Integer> delivered,
            Map<String, List<String>> missing) {
        List<String> absent = new ArrayList<>();
        for (Expected notice : expected) {
            if (!present.test(notice)) {
                absent.add(notice.noticeId());
            }
        }
        delivered.put(channel, expected.size() - absent.size());
        missing.put(channel, absent);
    }

    private static boolean once(List<Integer> versions) {
        return versions != null && versions.equals(List.of(1));
    }

    private static List<String> twice(Map<String, List<Integer>> versions, List<String> ids) {
        return ids.stream()
                .filter(id -> versions.containsKey(id) && !versions.get(id).equals(List.of(1)))
                .toList();
    }

    private static Map<String, List<Integer>> versions(Connection db, String query, List<String> ids)
            throws SQLException {
        Map<String, List<Integer>> versions = new HashMap<>();
        String sql = query + (query.contains("WHERE") ? " AND" : " WHERE") + " notice_id = ANY (?)";
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

    static <T> Map<String, T> byId(Collection<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }
}
