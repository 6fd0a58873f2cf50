package gr.accmr.hub.normalize.internal;

import static org.assertj.core.api.Assertions.assertThat;

import gr.accmr.hub.ingest.feed.FeedEntry;
import gr.accmr.hub.ingest.feed.FeedSplitter;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.notice.Translation;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feeds as partners' systems write them, one family of dialects, extensions and mistakes per
 * folder under {@code feeds/wild/}: each feed beside an {@code .expected} file saying what its
 * first entry must become. The feed goes through the splitter and the normalizer as in production,
 * and whatever the feed, no active HTML may come out. The pass counts per family are printed at
 * the end.
 *
 * <p>An {@code .expected} file holds {@code key: value} lines, {@code ---}, then the text. Keys:
 * {@code title}, {@code summary}, {@code link}, {@code published}, {@code html-contains} (checked
 * when present) and {@code http-content-type} (the header the feed was served with). A text of
 * one line is compared with its white space collapsed; a text of several lines line by line, since
 * then keeping blocks apart is what is tested.
 */
class WildFeedsTest {

    private static final Path ROOT = root();

    private static final Map<String, int[]> PASSED_OF_FAMILY = new TreeMap<>();

    /** What no sanitized body or title may contain, whatever the feed. */
    private static final Pattern ACTIVE =
            Pattern.compile("(?i)<\\s*(script|style|iframe|object|embed|form|input|frame|meta|link|base|svg|math)\\b"
                    + "|\\son[a-z]+\\s*="
                    + "|javascript:|vbscript:|data:");

    static Stream<String> feeds() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files
                    .filter(file -> file.toString().endsWith(".xml"))
                    .map(file -> ROOT.relativize(file).toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void readsTheEntryAsThePartnerWroteIt(String feed) throws Exception {
        Path file = ROOT.resolve(feed);
        Expected expected = Expected.of(Path.of(file.toString().replaceFirst("\\.xml$", ".expected")));
        String family = Path.of(feed).getParent().toString();

        List<String> mismatches = mismatches(Files.readAllBytes(file), expected);

        synchronized (PASSED_OF_FAMILY) {
            int[] counts = PASSED_OF_FAMILY.computeIfAbsent(family, f -> new int[2]);
            counts[0] += mismatches.isEmpty() ? 1 : 0;
            counts[1]++;
        }
        assertThat(mismatches).as(feed).isEmpty();
    }

    @AfterAll
    static void reportPassCountsPerFamily() {
        StringBuilder report = new StringBuilder("Wild feeds, entries read as written, per family:\n");
        int passed = 0;
        int total = 0;
        for (Map.Entry<String, int[]> family : PASSED_OF_FAMILY.entrySet()) {
            report.append("  %-20s %3d / %3d%n".formatted(family.getKey(), family.getValue()[0], family.getValue()[1]));
            passed += family.getValue()[0];
            total += family.getValue()[1];
        }
        System.out.print(report.append("  %-20s %3d / %3d%n".formatted("all", passed, total)));
    }

    private static List<String> mismatches(byte[] bytes, Expected expected) {
        List<String> mismatches = new ArrayList<>();
        Notice notice;
        try {
            List<FeedEntry> entries = new FeedSplitter()
                    .split(bytes, FeedSplitter.Identity.GUID, expected.get("http-content-type"))
                    .entries();
            if (entries.isEmpty()) {
                return List.of("no entry read");
            }
            notice = ((Outcome.Draft) new Normalizer().normalize(raw(entries.get(0)))).notice();
        } catch (Exception | AssertionError e) {
            return List.of("unreadable: " + e);
        }
        Translation text = notice.original();
        compare(mismatches, "title", expected.get("title"), text.title());
        compare(mismatches, "summary", expected.get("summary"), text.summary());
        compare(mismatches, "link", expected.get("link"), text.url());
        compare(
                mismatches,
                "published",
                expected.get("published"),
                notice.publishedAt() == null ? null : notice.publishedAt().toString());
        String fragment = expected.get("html-contains");
        if (fragment != null && !text.bodyHtml().contains(fragment)) {
            mismatches.add("bodyHtml lacks " + fragment + ": " + text.bodyHtml());
        }
        if (expected.text().contains("\n")) {
            compare(mismatches, "text", expected.text(), text.bodyText());
        } else {
            compare(mismatches, "text", expected.text(), collapse(text.bodyText()));
        }
        for (String field : List.of(text.bodyHtml(), text.title(), text.summary(), text.bodyText())) {
            if (ACTIVE.matcher(field).find()) {
                mismatches.add("active content survived: " + field);
            }
        }
        return mismatches;
    }

    private static void compare(
            List<String> mismatches, String what, @Nullable String expected, @Nullable String actual) {
        if (expected != null && !expected.equals(actual)) {
            mismatches.add(what + ": expected [" + expected + "] but was [" + actual + "]");
        }
    }

    private static String collapse(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static RawRecord raw(FeedEntry entry) {
        return new RawRecord(
                new NoticeId("partner", entry.externalId()),
                "partner.wild",
                RawHeaders.FEED_ENTRY,
                Instant.parse("2026-12-01T10:00:00Z"),
                "https://partner.example/feed.xml",
                entry.language(),
                "en",
                "news",
                entry.document(),
                "hub.inbound.raw",
                0,
                0L);
    }

    /** An {@code .expected} file: its keys, and the text after {@code ---}. */
    private record Expected(Map<String, String> fields, String text) {

        static Expected of(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            Map<String, String> fields = new LinkedHashMap<>();
            int separator = lines.indexOf("---");
            assertThat(separator).as("%s has a --- line", file).isNotNegative();
            for (String line : lines.subList(0, separator)) {
                int colon = line.indexOf(": ");
                fields.put(line.substring(0, colon), line.substring(colon + 2));
            }
            return new Expected(
                    fields,
                    String.join("\n", lines.subList(separator + 1, lines.size()))
                            .strip());
        }

        @Nullable
        String get(String key) {
            return fields.get(key);
        }
    }

    private static Path root() {
        try {
            return Path.of(WildFeedsTest.class.getResource("/feeds/wild").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
