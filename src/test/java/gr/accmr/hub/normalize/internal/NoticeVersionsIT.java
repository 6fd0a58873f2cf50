package gr.accmr.hub.normalize.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gr.accmr.hub.HubITSupport;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.notice.Translation;
import gr.accmr.hub.platform.PermanentFailure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Versions are reserved by compare-and-set: racing writers never give one version two contents. */
class NoticeVersionsIT extends HubITSupport {

    private static final String ENTRY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>t</title><link>https://example.org/</link><description>d</description>
            <item><title>%s</title><guid>race-1</guid><description>Text %s</description></item></channel></rss>
            """;

    @Autowired
    JdbcTemplate jdbc;

    private final Normalizer normalizer = new Normalizer();

    @Test
    void racingWritersNeverGiveOneVersionTwoContents() throws Exception {
        int writers = 4;
        int rounds = 15;
        List<Notice> published = race(writers, rounds, (versions, title) -> nextRetrying(versions, raw(title)));

        assertEveryVersionOnce(published, "race:race-1", writers * rounds);
        assertThat(jdbc.queryForObject(
                        "SELECT version FROM normalize_notice_state WHERE notice_id = 'race:race-1'", Integer.class))
                .isEqualTo(writers * rounds);
    }

    @Test
    void racingBatchesClaimEachNoticeOnItsOwnAndNeverGiveOneVersionTwoContents() throws Exception {
        List<String> ids = List.of("batch:b-1", "batch:b-2", "batch:b-3");
        int writers = 3;
        int rounds = 10;
        List<Notice> published = race(writers, rounds, (versions, title) -> {
            // One batch: each notice's outcomes as a list of its own, as the live stage folds them.
            List<List<Outcome>> batch = ids.stream()
                    .map(id -> List.of(normalizer.normalize(rawOf(id, title))))
                    .toList();
            return nextAllRetrying(versions, batch);
        });

        for (String id : ids) {
            assertEveryVersionOnce(published, id, writers * rounds);
        }
    }

    /**
     * Runs writers side by side, each with its own {@link NoticeVersions}, each round writing a
     * title of its own; returns everything they published (and acknowledged) as Kafka would carry it.
     */
    private List<Notice> race(
            int writers, int rounds, java.util.function.BiFunction<NoticeVersions, String, List<Notice>> round)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Notice> published = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            int w = writer;
            done.add(pool.submit(() -> {
                NoticeVersions versions = new NoticeVersions(jdbc);
                start.await();
                for (int r = 0; r < rounds; r++) {
                    List<Notice> next = round.apply(versions, "writer " + w + " round " + r);
                    published.addAll(next);
                    versions.published(next);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        return published;
    }

    /** Every version from 1 to {@code last} was published for the notice: none skipped, none with two contents. */
    private static void assertEveryVersionOnce(List<Notice> published, String id, int last) {
        Map<Integer, String> contentOfVersion = new HashMap<>();
        published.stream().filter(notice -> notice.id().equals(id)).forEach(notice -> {
            String before = contentOfVersion.putIfAbsent(notice.version(), notice.contentHash());
            assertThat(before == null || before.equals(notice.contentHash()))
                    .as("%s version %d was published with two contents", id, notice.version())
                    .isTrue();
        });
        assertThat(contentOfVersion.keySet()).hasSize(last);
        assertThat(contentOfVersion.keySet().stream().max(Integer::compare).orElseThrow())
                .isEqualTo(last);
    }

    @Test
    void aBatchPublishesEachNoticesUnacknowledgedReservationFirstInTheBatchsOrder() {
        NoticeVersions versions = new NoticeVersions(jdbc);
        // b-2 was reserved and never acknowledged; b-1 is new; b-3 is published and unchanged.
        versions.next(normalizer.normalize(rawOf("order:b-2", "Reserved")));
        versions.published(versions.next(normalizer.normalize(rawOf("order:b-3", "Same"))));

        List<Notice> next = versions.nextAll(List.of(
                List.of(normalizer.normalize(rawOf("order:b-2", "Changed"))),
                List.of(normalizer.normalize(rawOf("order:b-1", "New"))),
                List.of(normalizer.normalize(rawOf("order:b-3", "Same")))));

        assertThat(next)
                .extracting(notice -> notice.id() + " v" + notice.version())
                .containsExactly("order:b-2 v1", "order:b-2 v2", "order:b-1 v1");
    }

    @Test
    void republishesAReservationThatACrashLeftUnacknowledged() {
        NoticeVersions versions = new NoticeVersions(jdbc);
        Notice first = versions.next(normalizer.normalize(rawOf("crash:crash-1", "First")))
                .get(0);
        // The writer crashed here: reserved, never acknowledged. The next writer sends it first.
        List<Notice> next = versions.next(normalizer.normalize(rawOf("crash:crash-1", "Second")));
        assertThat(next).extracting(Notice::version).containsExactly(1, 2);
        assertThat(next.get(0).contentHash()).isEqualTo(first.contentHash());
        versions.published(next);
        assertThat(versions.next(normalizer.normalize(rawOf("crash:crash-1", "Second"))))
                .isEmpty();
    }

    @Test
    void marksAVersionPublishedOnlyTogetherWithItsJourneyEntry() {
        NoticeVersions versions = new NoticeVersions(jdbc);
        List<Notice> reserved = versions.next(normalizer.normalize(rawOf("crash:log-1", "First")));
        // The journey entry cannot be written (as if the process died between the two writes).
        jdbc.execute(
                "ALTER TABLE normalize_version_log ADD CONSTRAINT refuse_log_1 CHECK (notice_id <> 'crash:log-1')");
        try {
            assertThatThrownBy(() -> versions.published(reserved)).isInstanceOf(DataAccessException.class);
        } finally {
            jdbc.execute("ALTER TABLE normalize_version_log DROP CONSTRAINT refuse_log_1");
        }

        // Not marked acknowledged either, so the version is published again, and logged then.
        List<Notice> again = versions.next(normalizer.normalize(rawOf("crash:log-1", "First")));
        assertThat(again).extracting(Notice::version).containsExactly(1);
        versions.published(again);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM normalize_version_log WHERE notice_id = 'crash:log-1'", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void refusesARecordThatWouldGiveANoticeMoreTranslationsThanAllowedBeforeReservingAVersion() {
        NoticeVersions versions = new NoticeVersions(jdbc, 2);
        Outcome.Draft first = (Outcome.Draft) normalizer.normalize(rawOf("many:many-1", "Office hours"));
        versions.published(versions.next(first));
        Translation english = first.notice().translations().get("en");
        // Two more languages arrive separately: merged with English that makes three.
        Notice more = first.notice()
                .withTranslations(first.notice().publishedAt(), "en", Map.of("fr", english, "de", english), List.of());

        assertThatThrownBy(() -> versions.next(new Outcome.Draft(more, true, java.util.Set.of())))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("3 translations, more than the 2 allowed");
        assertThat(jdbc.queryForObject(
                        "SELECT version FROM normalize_notice_state WHERE notice_id = 'many:many-1'", Integer.class))
                .isEqualTo(1);
    }

    /** As a stage does: contention beyond the compare-and-set's tries is a wait, then again. */
    private List<Notice> nextRetrying(NoticeVersions versions, RawRecord raw) {
        for (int attempt = 1; ; attempt++) {
            try {
                return versions.next(normalizer.normalize(raw));
            } catch (gr.accmr.hub.platform.TransientFailure contended) {
                if (attempt == 20) {
                    throw contended;
                }
            }
        }
    }

    private List<Notice> nextAllRetrying(NoticeVersions versions, List<List<Outcome>> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                return versions.nextAll(batch);
            } catch (gr.accmr.hub.platform.TransientFailure contended) {
                if (attempt == 20) {
                    throw contended;
                }
            }
        }
    }

    private static RawRecord raw(String title) {
        return rawOf("race:race-1", title);
    }

    private static RawRecord rawOf(String id, String title) {
        String guid = NoticeId.parse(id).externalId();
        return new RawRecord(
                NoticeId.parse(id),
                "partner.race",
                RawHeaders.FEED_ENTRY,
                Instant.parse("2026-12-01T10:00:00Z"),
                null,
                null,
                "en",
                "news",
                ENTRY.replace("race-1", guid).formatted(title, title).getBytes(StandardCharsets.UTF_8),
                "hub.inbound.raw",
                0,
                0);
    }
}
