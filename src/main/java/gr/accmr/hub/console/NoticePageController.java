package gr.accmr.hub.console;

import gr.accmr.hub.fanout.Journeys;
import gr.accmr.hub.fanout.NoticeArchive;
import gr.accmr.hub.normalize.PublishedVersions;
import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.Translation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The notices page: the archive searched by text, partner, language, kind and date; a notice with
 * its translations side by side (each in its own language and direction), its versions with what
 * changed, and its journey through the channels from the delivery ledger.
 */
@Controller
class NoticePageController implements ConsolePage {

    static final int RESULTS = 50;

    private final NoticeArchive archive;
    private final Journeys journeys;
    private final PublishedVersions published;

    NoticePageController(NoticeArchive archive, Journeys journeys, PublishedVersions published) {
        this.archive = archive;
        this.journeys = journeys;
        this.published = published;
    }

    /** The search as the form holds it; blanks are no filter, dates are whole days in UTC. */
    record Search(
            @Nullable String q,
            @Nullable String partner,
            @Nullable String lang,
            @Nullable String kind,
            @Nullable LocalDate from,
            @Nullable LocalDate to) {}

    /** A notice found: its title in the language searched (else its original), and when it was published. */
    record Row(String id, String partner, String kind, String lang, String dir, String title, String publishedAt) {}

    /** A translation side by side with the others. */
    record TranslationView(String lang, String dir, boolean original, Translation translation) {}

    /** A version and what changed from the one before it (none for the first). */
    record VersionView(int version, String archivedAt, String status, NoticeArchive.@Nullable Diff changes) {}

    /** A published version and each channel's outcome for it (absent: not delivered yet). */
    record JourneyStep(int version, String publishedAt, String rawRecord, Map<String, JourneyCell> channels) {}

    record JourneyCell(String outcome, String at, @Nullable String detail) {}

    @GetMapping("/console/notices")
    String search(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable String lang,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            Model model) {
        Search search = new Search(blank(q), blank(partner), lower(lang), lower(kind), from, to);
        model.addAttribute("search", search);
        model.addAttribute(
                "kinds",
                Arrays.stream(Notice.Kind.values())
                        .map(each -> each.name().toLowerCase(Locale.ROOT))
                        .toList());
        try {
            List<Notice> found = archive.search(
                    search.q(),
                    search.lang(),
                    search.partner(),
                    search.kind(),
                    startOf(search.from()),
                    search.to() == null ? null : startOf(search.to().plusDays(1)),
                    RESULTS);
            model.addAttribute(
                    "rows",
                    found.stream().map(notice -> row(notice, search.lang())).toList());
        } catch (IllegalArgumentException e) {
            model.addAttribute("rows", List.of());
            model.addAttribute("badFilter", true);
        }
        return "console/notices";
    }

    @GetMapping("/console/notices/{id}")
    String notice(@PathVariable String id, Model model) {
        Notice notice = archive.current(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no notice " + id));
        model.addAttribute("notice", notice);
        model.addAttribute("translations", translations(notice));
        model.addAttribute("versions", versions(id));
        List<String> channels = journeys.channels();
        model.addAttribute("channels", channels);
        model.addAttribute("journey", journey(id));
        return "console/notice";
    }

    private static Row row(Notice notice, @Nullable String lang) {
        String shown = shownLanguage(notice, lang);
        Translation translation = notice.translations().get(shown);
        return new Row(
                notice.id(),
                notice.partner(),
                notice.kind().name().toLowerCase(Locale.ROOT),
                shown,
                Languages.direction(shown),
                translation.title(),
                notice.publishedAt() == null ? "–" : PageModel.time(notice.publishedAt()));
    }

    /** The language to show a notice in: {@code lang} if it has it, else its original, else its first. */
    static String shownLanguage(Notice notice, @Nullable String lang) {
        if (lang != null && notice.translations().containsKey(lang)) {
            return lang;
        }
        return notice.translations().containsKey(notice.originalLanguage())
                ? notice.originalLanguage()
                : notice.translations().keySet().iterator().next();
    }

    /** The original language first, then the others in order of their tags. */
    static List<TranslationView> translations(Notice notice) {
        return notice.translations().entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Translation> each) ->
                                !each.getKey().equals(notice.originalLanguage()))
                        .thenComparing(Map.Entry::getKey))
                .map(each -> new TranslationView(
                        each.getKey(),
                        Languages.direction(each.getKey()),
                        each.getKey().equals(notice.originalLanguage()),
                        each.getValue()))
                .toList();
    }

    /** Newest first, each with its changes from the version before it. */
    private List<VersionView> versions(String id) {
        List<NoticeArchive.Version> versions = archive.versions(id);
        List<VersionView> views = new ArrayList<>(versions.size());
        for (int i = 0; i < versions.size(); i++) {
            NoticeArchive.Version version = versions.get(i);
            NoticeArchive.Diff changes =
                    i + 1 < versions.size() ? archive.diff(id, versions.get(i + 1), version) : null;
            views.add(new VersionView(
                    version.version(),
                    PageModel.time(version.archivedAt()),
                    version.notice().status().name().toLowerCase(Locale.ROOT),
                    changes));
        }
        return views;
    }

    private List<JourneyStep> journey(String id) {
        List<Journeys.Delivery> deliveries = journeys.deliveries(id);
        return published.of(id).stream()
                .map(version -> {
                    Map<String, JourneyCell> channels = new LinkedHashMap<>();
                    deliveries.stream()
                            .filter(delivery -> delivery.version() == version.version())
                            .forEach(delivery -> channels.put(
                                    delivery.channel(),
                                    new JourneyCell(
                                            delivery.outcome(), PageModel.time(delivery.at()), delivery.detail())));
                    return new JourneyStep(
                            version.version(),
                            PageModel.time(version.publishedAt()),
                            version.rawTopic() + "/" + version.rawPartition() + "@" + version.rawOffset(),
                            channels);
                })
                .toList();
    }

    private static @Nullable Instant startOf(@Nullable LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static @Nullable String lower(@Nullable String text) {
        String value = blank(text);
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static @Nullable String blank(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
