package gr.accmr.hub.fanout.archive;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.platform.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Read API of the archive: search and list (a JSON array, the next page in a {@code Link}
 * header), streamed export, and every version of a notice with the differences between two.
 */
@Tag(name = "Archive", description = "Every version of every notice: search, export, history (HTTP Basic)")
@Validated
@RestController
@RequestMapping("/api/v1/archive/notices")
class ArchiveController {

    private final ArchiveStore store;
    private final ArchiveSearch search;

    ArchiveController(ArchiveStore store, ArchiveSearch search) {
        this.store = store;
        this.search = search;
    }

    @Operation(
            summary = "Search the archive, or list the newest notices",
            description = "With q: full-text search in each translation's language (accents and case folded, "
                    + "Arabic-script spellings folded), best match first. Without q: newest first. The body is "
                    + "a JSON array of notices; the next page, when there is one, is the Link header's rel=\"next\".",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "A page of notices",
                        headers =
                                @Header(name = "Link", description = "<…>; rel=\"next\" (RFC 8288) when more follow")),
                @ApiResponse(responseCode = "400", description = "Bad cursor, unknown language, kind or status")
            })
    @GetMapping
    ResponseEntity<List<Notice>> list(
            @Parameter(description = "words to look for (web search syntax: \"a phrase\", or, -not)")
                    @RequestParam(required = false)
                    @Nullable
                    String q,
            @Parameter(description = "search only translations in this language (el, en, fr, ar, fa, ur, uk, …)")
                    @RequestParam(required = false)
                    @Nullable
                    String lang,
            @RequestParam(required = false) @Nullable String partner,
            @Parameter(description = "news, notice, event, service, newsletter or alert")
                    @RequestParam(required = false)
                    @Nullable
                    String kind,
            @RequestParam(required = false) @Nullable String category,
            @Parameter(description = "published or retracted") @RequestParam(required = false) @Nullable String status,
            @Parameter(description = "published at or after (ISO 8601)")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    Instant from,
            @Parameter(description = "published before (ISO 8601)")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    Instant to,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
            @Parameter(description = "from the Link header of the previous page")
                    @RequestParam(required = false)
                    @Nullable
                    String cursor) {
        ArchiveSearch.Filter filter = filter(q, lang, partner, kind, category, status, from, to);
        ArchiveSearch.Page page = search.page(filter, cursor(cursor, filter), limit);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (page.next() != null) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("cursor", page.next().encode())
                    .replaceQueryParam("limit", limit)
                    .build()
                    .toUriString();
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response.body(page.hits().stream().map(ArchiveSearch.Hit::notice).toList());
    }

    @Operation(
            summary = "Export a search, streamed",
            description = "The whole result of the same filters as the search, in its order: JSON Lines of notices, "
                    + "or CSV (id, partner, kind, status, version, publishedAt, updatedAt, languages, title in the "
                    + "original language, url).",
            responses = {
                @ApiResponse(responseCode = "200", description = "application/jsonl or text/csv, streamed"),
                @ApiResponse(responseCode = "400", description = "Unknown format, language, kind or status")
            })
    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export(
            @Parameter(description = "jsonl or csv") @RequestParam(defaultValue = "jsonl") String format,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String lang,
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to) {
        ArchiveExport export;
        try {
            export = ArchiveExport.of(format);
        } catch (IllegalArgumentException e) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "Unknown format", "format must be jsonl or csv, not " + format);
        }
        // Checked before the first byte goes out: once streaming, a problem can no longer be sent.
        ArchiveSearch.Filter filter = filter(q, lang, partner, kind, category, status, from, to);
        StreamingResponseBody body = out -> export.write(search, filter, out);
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.parseMediaType(export.mediaType), StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("archive." + export.extension)
                                .build()
                                .toString())
                .body(body);
    }

    @Operation(summary = "A notice with all its versions, newest first")
    @ApiResponse(responseCode = "404", description = "No such notice")
    @GetMapping("/{id}")
    NoticeHistory get(@PathVariable String id) {
        return new NoticeHistory(current(id), store.versions(id));
    }

    @Operation(
            summary = "Every version of a notice, newest first",
            description = "With the raw record each was made from (topic, partition, offset, received time) "
                    + "and when the archive stored it.")
    @ApiResponse(responseCode = "404", description = "No such notice")
    @GetMapping("/{id}/versions")
    List<VersionSummary> versions(@PathVariable String id) {
        current(id);
        return store.versions(id).stream().map(VersionSummary::of).toList();
    }

    @Operation(
            summary = "What changed between two versions of a notice",
            description = "Top-level fields and translation fields that differ, old and new values, "
                    + "and the same as an RFC 6902 JSON Patch from the first version to the second.")
    @ApiResponse(responseCode = "404", description = "No such notice or version")
    @GetMapping("/{id}/versions/{from}/diff/{to}")
    VersionDiff.Diff diff(@PathVariable String id, @PathVariable int from, @PathVariable int to) {
        current(id);
        ArchiveStore.ArchivedVersion older = version(id, from);
        ArchiveStore.ArchivedVersion newer = version(id, to);
        return VersionDiff.between(
                id,
                from,
                NoticeJson.mapper().valueToTree(older.notice()),
                to,
                NoticeJson.mapper().valueToTree(newer.notice()));
    }

    record NoticeHistory(Notice notice, List<ArchiveStore.ArchivedVersion> versions) {}

    /** One version without its content: what it was made from and when it was archived. */
    record VersionSummary(
            int version,
            String contentHash,
            String status,
            @Nullable Instant updatedAt,
            Instant archivedAt,
            Notice.Source source) {

        static VersionSummary of(ArchiveStore.ArchivedVersion archived) {
            Notice notice = archived.notice();
            return new VersionSummary(
                    archived.version(),
                    archived.contentHash(),
                    notice.status().name().toLowerCase(Locale.ROOT),
                    notice.updatedAt(),
                    archived.archivedAt(),
                    notice.source());
        }
    }

    private Notice current(String id) {
        return store.current(id)
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "Notice not found", "No notice with id " + id));
    }

    private ArchiveStore.ArchivedVersion version(String id, int version) {
        return store.version(id, version)
                .orElseThrow(() -> Problems.of(
                        HttpStatus.NOT_FOUND, "Version not found", "Notice " + id + " has no version " + version));
    }

    private static ArchiveSearch.Filter filter(
            @Nullable String q,
            @Nullable String lang,
            @Nullable String partner,
            @Nullable String kind,
            @Nullable String category,
            @Nullable String status,
            @Nullable Instant from,
            @Nullable Instant to) {
        String language = null;
        if (lang != null && !lang.isBlank()) {
            try {
                language = SearchLanguages.of(lang);
            } catch (IllegalArgumentException e) {
                throw Problems.of(HttpStatus.BAD_REQUEST, "Unknown language", "no language " + lang);
            }
        }
        String kindName = blank(kind);
        if (kindName != null) {
            try {
                kindName = Notice.Kind.of(kindName).name().toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "Unknown kind",
                        "kind must be news, notice, event, service, newsletter or alert, not " + kind);
            }
        }
        String statusName = blank(status);
        if (statusName != null) {
            statusName = statusName.toLowerCase(Locale.ROOT);
            if (!statusName.equals("published") && !statusName.equals("retracted")) {
                throw Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "Unknown status",
                        "status must be published or retracted, not " + status);
            }
        }
        String categoryName = blank(category);
        return new ArchiveSearch.Filter(
                blank(q),
                language,
                blank(partner),
                kindName,
                categoryName == null ? null : categoryName.toLowerCase(Locale.ROOT),
                statusName,
                from,
                to);
    }

    private static @Nullable ArchiveCursor cursor(@Nullable String token, ArchiveSearch.Filter filter) {
        if (token == null || token.isBlank()) {
            return null;
        }
        ArchiveCursor cursor;
        try {
            cursor = ArchiveCursor.decode(token.strip());
        } catch (IllegalArgumentException e) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "Bad cursor", "the cursor is not one this archive gave out");
        }
        if (!cursor.search().equals(filter.fingerprint()) || cursor.isRanked() != filter.ranked()) {
            throw Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "Bad cursor",
                    "the cursor belongs to another search; start from the first page");
        }
        return cursor;
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
