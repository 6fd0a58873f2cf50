package gr.accmr.hub.fanout;

import gr.accmr.hub.notice.Notice;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The archive as the console reads it: the same search, notices and version diffs the archive API
 * answers with, for a module outside the archive. Read only.
 */
public interface NoticeArchive {

    /** One archived version of a notice and when the archive stored it. */
    record Version(int version, Instant archivedAt, Notice notice) {}

    /** A field that differs between two versions; {@code from} is null when added, {@code to} when removed. */
    record Change(
            String field, @Nullable Object from, @Nullable Object to) {}

    /** A language whose translation was {@code added}, {@code removed} or {@code changed}. */
    record TranslationChange(String lang, String change, List<Change> fields) {}

    /** What changed from one version to the next. */
    record Diff(int from, int to, List<Change> fields, List<TranslationChange> translations) {}

    /**
     * The first {@code limit} notices matching, best match first with words, else newest first;
     * every part optional. Throws {@link IllegalArgumentException} for an unknown language or kind.
     */
    List<Notice> search(
            @Nullable String words,
            @Nullable String lang,
            @Nullable String partner,
            @Nullable String kind,
            @Nullable Instant from,
            @Nullable Instant to,
            int limit);

    Optional<Notice> current(String id);

    /** Every version, newest first. */
    List<Version> versions(String id);

    Diff diff(String id, Version older, Version newer);
}
