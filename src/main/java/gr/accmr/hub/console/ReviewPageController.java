package gr.accmr.hub.console;

import gr.accmr.hub.fanout.NoticeArchive;
import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.review.Editing;
import gr.accmr.hub.review.ReviewDecisions;
import gr.accmr.hub.review.ReviewQueue;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The review pages: what waits for ACCMR's editors, and a held version with its translations side
 * by side, what changed since the last approved version and its review steps; approved, edited and
 * approved, or rejected with a reason, through the same decisions (and audit) as the admin API.
 */
@Controller
class ReviewPageController implements ConsolePage {

    static final String PAGE = "/console/review";
    static final int QUEUE = 200;

    private final ReviewQueue queue;
    private final ReviewDecisions decisions;
    private final NoticeArchive archive;

    ReviewPageController(ReviewQueue queue, ReviewDecisions decisions, NoticeArchive archive) {
        this.queue = queue;
        this.decisions = decisions;
        this.archive = archive;
    }

    /** A notice waiting: its title in the console's language if it has one, else its original. */
    record Row(
            String id,
            String partner,
            int version,
            boolean urgent,
            String lang,
            String dir,
            String title,
            String heldAt) {}

    /** A step of the review, with its time in words. */
    record StepView(ReviewQueue.Step step, String at) {}

    /** A translation's title and summary as the edit form holds them, the partner's until edited. */
    record EditField(String lang, String dir, String title, String summary) {}

    @GetMapping(PAGE)
    String queue(Locale locale, Model model) {
        model.addAttribute(
                "rows",
                queue.awaiting(QUEUE).stream()
                        .map(entry -> row(entry, locale.getLanguage()))
                        .toList());
        return "console/review-queue";
    }

    @GetMapping(PAGE + "/{id}")
    String review(@PathVariable String id, Model model) {
        ReviewQueue.Entry entry = entry(id);
        model.addAttribute("entry", entry);
        model.addAttribute("heldAt", PageModel.time(entry.heldAt()));
        model.addAttribute("awaiting", entry.state().equals("awaiting"));
        model.addAttribute("translations", NoticePageController.translations(entry.notice()));
        model.addAttribute("changes", changes(entry));
        model.addAttribute(
                "steps",
                queue.steps(id).stream()
                        .map(step -> new StepView(step, PageModel.time(step.at())))
                        .toList());
        return "console/review";
    }

    @GetMapping(PAGE + "/{id}/edit")
    String edit(@PathVariable String id, @Nullable Principal principal, Model model) {
        PageModel.requireEditor(principal);
        ReviewQueue.Entry entry = entry(id);
        return editForm(model, entry, fields(entry.notice(), Map.of()));
    }

    /** Approves the version shown; with {@code title.<lang>} and {@code summary.<lang>} fields, as edited. */
    @PostMapping(PAGE + "/{id}/approve")
    Object approve(
            @PathVariable String id,
            @RequestParam int version,
            @RequestParam Map<String, String> form,
            HttpServletRequest request,
            RedirectAttributes redirect,
            Model model) {
        ReviewQueue.Entry entry = entry(id);
        Map<String, Editing.Edit> edits = edits(entry.notice(), form);
        try {
            decisions.approve(request, id, version, edits);
        } catch (Editing.Refused refused) {
            if (refused.why() == Editing.Refused.Why.INVALID && form.containsKey("edited")) {
                // Back to the form with what the editor wrote, so nothing typed is lost.
                model.addAttribute(Outcome.ATTRIBUTE, refusal(refused));
                return editForm(model, entry, fields(entry.notice(), form));
            }
            return refused(redirect, id, refused);
        }
        return Outcome.redirect(
                redirect,
                true,
                PAGE + "/" + id,
                edits.isEmpty() ? "review.outcome.approved" : "review.outcome.edited",
                version);
    }

    @PostMapping(PAGE + "/{id}/reject")
    RedirectView reject(
            @PathVariable String id,
            @RequestParam int version,
            @RequestParam(required = false) @Nullable String reason,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            decisions.reject(request, id, version, reason == null ? "" : reason);
        } catch (Editing.Refused refused) {
            if (refused.why() == Editing.Refused.Why.INVALID && (reason == null || reason.isBlank())) {
                return Outcome.redirect(redirect, false, PAGE + "/" + id, "review.refused.noReason");
            }
            return refused(redirect, id, refused);
        }
        return Outcome.redirect(redirect, true, PAGE + "/" + id, "review.outcome.rejected", version);
    }

    private ReviewQueue.Entry entry(String id) {
        return queue.entry(id)
                .orElseThrow(
                        () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no notice " + id + " under review"));
    }

    private static Row row(ReviewQueue.Entry entry, String lang) {
        Notice notice = entry.notice();
        String shown = NoticePageController.shownLanguage(notice, lang);
        return new Row(
                entry.noticeId(),
                entry.partner(),
                entry.version(),
                entry.urgent(),
                shown,
                Languages.direction(shown),
                notice.translations().get(shown).title(),
                PageModel.time(entry.heldAt()));
    }

    /** What changed from the last approved version to the one held; null when none was approved before. */
    private NoticeArchive.@Nullable Diff changes(ReviewQueue.Entry entry) {
        if (entry.approvedNotice() == null || entry.approvedVersion() == null) {
            return null;
        }
        return archive.diff(
                entry.noticeId(),
                new NoticeArchive.Version(entry.approvedVersion(), entry.heldAt(), entry.approvedNotice()),
                new NoticeArchive.Version(entry.version(), entry.heldAt(), entry.notice()));
    }

    private static String editForm(Model model, ReviewQueue.Entry entry, List<EditField> fields) {
        model.addAttribute("entry", entry);
        model.addAttribute("fields", fields);
        return "console/review-edit";
    }

    /** One pair per translation, original first: what the form posted, else the partner's text. */
    private static List<EditField> fields(Notice notice, Map<String, String> form) {
        return NoticePageController.translations(notice).stream()
                .map(view -> new EditField(
                        view.lang(),
                        view.dir(),
                        Objects.requireNonNullElse(
                                form.get("title." + view.lang()),
                                view.translation().title()),
                        Objects.requireNonNullElse(
                                form.get("summary." + view.lang()),
                                Objects.requireNonNullElse(view.translation().summary(), ""))))
                .toList();
    }

    /** Only what the editor changed: a field left as the partner wrote it is no edit. */
    static Map<String, Editing.Edit> edits(Notice notice, Map<String, String> form) {
        Map<String, Editing.Edit> edits = new LinkedHashMap<>();
        notice.translations().forEach((lang, translation) -> {
            String title = changed(form.get("title." + lang), translation.title());
            String summary = changed(form.get("summary." + lang), translation.summary());
            if (title != null || summary != null) {
                edits.put(lang, new Editing.Edit(title, summary));
            }
        });
        return edits;
    }

    private static @Nullable String changed(@Nullable String posted, @Nullable String partners) {
        if (posted == null) {
            return null;
        }
        // A browser sends a text area's line breaks as CRLF: compare as the channels show text.
        return plain(posted).equals(plain(Objects.requireNonNullElse(partners, ""))) ? null : posted;
    }

    private static String plain(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static RedirectView refused(RedirectAttributes redirect, String id, Editing.Refused refused) {
        Outcome outcome = refusal(refused);
        return Outcome.redirect(
                redirect,
                false,
                PAGE + "/" + id,
                outcome.message(),
                outcome.arguments().toArray());
    }

    /** A refusal in the editor's language, with the reason as the decision gave it. */
    private static Outcome refusal(Editing.Refused refused) {
        return new Outcome(
                false,
                "review.refused." + refused.why().name().toLowerCase(Locale.ROOT),
                List.of(Objects.requireNonNullElse(refused.getMessage(), "")));
    }
}
