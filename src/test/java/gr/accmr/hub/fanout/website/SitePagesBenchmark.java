package gr.accmr.hub.fanout.website;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.Translation;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The static site's rendering on one thread: a notice's page, and a list page of twenty notices
 * (a language's front page or an archive page). Run with {@code bench/site.sh}; results in {@code
 * docs/benchmarks.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(2)
public class SitePagesBenchmark {

    /** About the body the load benchmark pushes: a heading, six paragraphs and a list. */
    private static final String BODY = "<h2>What changes</h2>"
            + ("<p>From Monday the municipal reception point on Piraeus Street opens from 08:00 to 16:00 and"
                            + " takes appointments for asylum registration and social security numbers.</p>")
                    .repeat(6)
            + "<ul><li>Families with children under five are seen first.</li>"
            + "<li>The service is free of charge.</li></ul>";

    private final Notice notice = notice();
    private final List<SitePages.IndexEntry> twenty =
            Collections.nCopies(SitePages.PAGE_SIZE, SitePages.IndexEntry.of(notice, "en"));

    @Benchmark
    public String noticePage() {
        return SitePages.page(notice, "en");
    }

    @Benchmark
    public String listPageOfTwenty() {
        return SitePages.index("en", twenty, "page-3.html", "page-1.html");
    }

    private static Notice notice() {
        Translation english = new Translation(
                "Reception point opening hours and appointments",
                "New opening hours at the Piraeus Street reception point, with interpreters every day.",
                BODY,
                "",
                "ltr",
                "https://www.cityofathens.gr/accmr/reception",
                null,
                Instant.parse("2026-11-25T09:00:00Z"),
                null);
        return new Notice(
                "irc-api:reception-1",
                "irc-api",
                "reception-1",
                Notice.Kind.NOTICE,
                Notice.Status.PUBLISHED,
                Notice.Urgency.URGENT,
                1,
                "sha256:" + "0".repeat(64),
                Instant.parse("2026-11-25T09:00:00Z"),
                null,
                null,
                null,
                "en",
                Map.of("en", english),
                List.of("reception", "documents"),
                null,
                List.of(),
                List.of(),
                new Notice.Source(
                        "push.irc-api", null, Instant.parse("2026-11-25T09:00:01Z"), "hub.inbound.raw", 0, 7L));
    }
}
