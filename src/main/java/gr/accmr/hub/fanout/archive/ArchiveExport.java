package gr.accmr.hub.fanout.archive;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.Translation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** The formats an archive search is exported in, written one notice at a time as rows arrive. */
enum ArchiveExport {
    /** JSON Lines: one notice, as the list endpoint gives it, per line. */
    JSONL("application/jsonl", "jsonl") {
        @Override
        void write(ArchiveSearch search, ArchiveSearch.Filter filter, OutputStream out) {
            search.stream(filter, hit -> {
                try {
                    out.write(NoticeJson.write(hit.notice()));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    },
    /** CSV with a header line, one row per notice; the title is the one in the original language. */
    CSV("text/csv", "csv") {
        @Override
        void write(ArchiveSearch search, ArchiveSearch.Filter filter, OutputStream out) throws IOException {
            CsvSchema schema = MAPPER.schemaFor(Row.class).withHeader();
            try (SequenceWriter rows = MAPPER.writer(schema).writeValues(out)) {
                search.stream(filter, hit -> {
                    try {
                        rows.write(Row.of(hit.notice()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    };

    private static final CsvMapper MAPPER = new CsvMapper();

    final String mediaType;
    final String extension;

    ArchiveExport(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    abstract void write(ArchiveSearch search, ArchiveSearch.Filter filter, OutputStream out) throws IOException;

    static ArchiveExport of(String format) {
        return valueOf(format.strip().toUpperCase(Locale.ROOT));
    }

    /** A CSV row; languages are the notice's tags, sorted and separated by spaces. */
    @JsonPropertyOrder({
        "id",
        "partner",
        "kind",
        "status",
        "version",
        "publishedAt",
        "updatedAt",
        "languages",
        "title",
        "url"
    })
    record Row(
            String id,
            String partner,
            String kind,
            String status,
            int version,
            @Nullable String publishedAt,
            @Nullable String updatedAt,
            String languages,
            String title,
            @Nullable String url) {

        static Row of(Notice notice) {
            Translation original = notice.original();
            return new Row(
                    notice.id(),
                    notice.partner(),
                    notice.kind().name().toLowerCase(Locale.ROOT),
                    notice.status().name().toLowerCase(Locale.ROOT),
                    notice.version(),
                    text(notice.publishedAt()),
                    text(notice.updatedAt()),
                    String.join(" ", new TreeSet<>(notice.translations().keySet())),
                    original.title(),
                    original.url());
        }

        private static @Nullable String text(@Nullable Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }
}
