package gr.accmr.hub.fanout.archive;

import gr.accmr.hub.fanout.NoticeArchive;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The archive's search, store and diff behind {@link NoticeArchive}, for the console. */
@Component
class ArchiveReader implements NoticeArchive {

    private final ArchiveStore store;
    private final ArchiveSearch search;

    ArchiveReader(ArchiveStore store, ArchiveSearch search) {
        this.store = store;
        this.search = search;
    }

    @Override
    public List<Notice> search(
            @Nullable String words,
            @Nullable String lang,
            @Nullable String partner,
            @Nullable String kind,
            @Nullable Instant from,
            @Nullable Instant to,
            int limit) {
        ArchiveSearch.Filter filter = new ArchiveSearch.Filter(
                words,
                lang == null ? null : SearchLanguages.of(lang),
                partner,
                kind == null ? null : Notice.Kind.of(kind).name().toLowerCase(Locale.ROOT),
                null,
                null,
                from,
                to);
        return search.page(filter, null, limit).hits().stream()
                .map(ArchiveSearch.Hit::notice)
                .toList();
    }

    @Override
    public Optional<Notice> current(String id) {
        return store.current(id);
    }

    @Override
    public List<Version> versions(String id) {
        return store.versions(id).stream()
                .map(archived -> new Version(archived.version(), archived.archivedAt(), archived.notice()))
                .toList();
    }

    @Override
    public Diff diff(String id, Version older, Version newer) {
        VersionDiff.Diff diff = VersionDiff.between(
                id,
                older.version(),
                NoticeJson.mapper().valueToTree(older.notice()),
                newer.version(),
                NoticeJson.mapper().valueToTree(newer.notice()));
        return new Diff(
                diff.from(),
                diff.to(),
                changes(diff.fields()),
                diff.translations().stream()
                        .map(change -> new TranslationChange(change.lang(), change.change(), changes(change.fields())))
                        .toList());
    }

    private static List<Change> changes(List<VersionDiff.FieldChange> fields) {
        return fields.stream()
                .map(field -> new Change(field.field(), field.from(), field.to()))
                .toList();
    }
}
