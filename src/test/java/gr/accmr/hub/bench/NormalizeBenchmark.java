package gr.accmr.hub.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gr.accmr.hub.normalize.Normalization;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The normalize stage on one thread: a raw record in, the notice JSON that goes to Kafka out
 * (parse, sanitize, text and summary, content hash, serialization). Run with {@code
 * bench/normalize.sh}; results in {@code docs/benchmarks.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(2)
public class NormalizeBenchmark {

    private static final List<String> LOCALES = List.of("en-us", "ar", "fa", "fr", "uk");

    private final Normalization normalization = new Normalization();
    private byte[] zendeskArticle;
    private byte[] rssEntry;
    private final NoticeId zendeskId = new NoticeId("refugee-info", "360001");
    private final NoticeId rssId = new NoticeId("athens", "athens-2026-101");

    @Setup
    public void load() throws IOException {
        zendeskArticle = zendeskBundle();
        rssEntry = rssEntry();
    }

    /** A Refugee.Info article of about 4 KB in five languages (some 800 bytes of HTML each). */
    @Benchmark
    public byte[] zendeskArticleOfFourKilobytesInFiveLanguages() {
        return NoticeJson.write(normalize(zendeskId, RawHeaders.ZENDESK_ARTICLE, zendeskArticle, "en"));
    }

    /** A single-language RSS entry of about 4 KB, as ingest cuts it from a feed. */
    @Benchmark
    public byte[] rssEntryOfFourKilobytes() {
        return NoticeJson.write(normalize(rssId, RawHeaders.FEED_ENTRY, rssEntry, "el"));
    }

    private Notice normalize(NoticeId id, String contentType, byte[] body, String language) {
        return normalization
                .normalize(id, contentType, body, "https://example.org/", null, language, "notice")
                .orElseThrow();
    }

    private static byte[] zendeskBundle() throws IOException {
        ObjectNode bundle = NoticeJson.mapper().createObjectNode();
        bundle.put("baseUrl", "https://refugeeinfo.zendesk.com");
        bundle.put("articleId", 360001);
        bundle.put("sourceLocale", "en-us");
        ArrayNode articles = bundle.putArray("articles");
        for (String locale : LOCALES) {
            ObjectNode article = (ObjectNode) NoticeJson.mapper()
                    .readTree(Files.readString(Path.of("src/test/resources/zendesk/360001", locale + ".json")));
            article.put("body", toSize(article.get("body").asText(), 4096 / LOCALES.size()));
            articles.add(article);
        }
        return NoticeJson.mapper().writeValueAsBytes(bundle);
    }

    private static byte[] rssEntry() throws IOException {
        String paragraph =
                "<p>Ξεκινούν οι εγγραφές στα <strong>δωρεάν</strong> μαθήματα ελληνικής γλώσσας για ενήλικες. "
                        + "Πληροφορίες στο <a href=\"/kentra\">κέντρο κοινότητας</a>.</p>";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
                <title>Δήμος Αθηναίων</title><link>https://www.cityofathens.gr/</link><description>d</description>
                <language>el</language><item><title>Δωρεάν μαθήματα ελληνικών για ενήλικες</title>
                <link>https://www.cityofathens.gr/news/greek-lessons-2026</link><guid isPermaLink="false">athens-2026-101</guid>
                <pubDate>Wed, 25 Nov 2026 10:30:00 +0200</pubDate><category>Εκπαίδευση</category>
                <content:encoded><![CDATA[%s]]></content:encoded></item></channel></rss>
                """.formatted(toSize(paragraph, 4096)).getBytes(StandardCharsets.UTF_8);
    }

    /** The HTML repeated until it is at least this many UTF-8 bytes, or cut to about that size. */
    private static String toSize(String html, int bytes) {
        StringBuilder body = new StringBuilder(html);
        while (body.toString().getBytes(StandardCharsets.UTF_8).length < bytes) {
            body.append(html);
        }
        return body.toString();
    }
}
