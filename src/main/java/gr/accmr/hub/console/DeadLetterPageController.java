package gr.accmr.hub.console;

import gr.accmr.hub.platform.StageStatus;
import gr.accmr.hub.platform.Stages;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The dead letters page: the list with its filters, one letter's headers and escaped payload, and
 * replaying or discarding, each confirmed first. The work is {@link DeadLetterActions}'s, as in the
 * admin API.
 */
@Controller
class DeadLetterPageController implements ConsolePage {

    static final int PAGE = 50;
    static final String LIST = "/console/dead-letters";

    private final DeadLetters letters;
    private final DeadLetterActions actions;
    private final Stages stages;

    DeadLetterPageController(DeadLetters letters, DeadLetterActions actions, Stages stages) {
        this.letters = letters;
        this.actions = actions;
        this.stages = stages;
    }

    /** The filter as the form holds it: blanks are no filter; {@code status} is open, replayed, discarded or all. */
    record Search(
            @Nullable String stage,
            @Nullable String partner,
            @Nullable String reason,
            String status) {

        static Search of(
                @Nullable String stage, @Nullable String partner, @Nullable String reason, @Nullable String status) {
            return new Search(blank(stage), blank(partner), blank(reason), status == null ? "open" : status);
        }

        DeadLetters.Filter filter() {
            return new DeadLetters.Filter(stage, partner, reason, null, null, status.equals("all") ? null : status);
        }

        /** The filter as hidden fields of a form, so a confirmed "replay all" replays what was listed. */
        Map<String, String> fields() {
            Map<String, String> fields = new LinkedHashMap<>();
            if (stage != null) {
                fields.put("stage", stage);
            }
            if (partner != null) {
                fields.put("partner", partner);
            }
            if (reason != null) {
                fields.put("reason", reason);
            }
            return fields;
        }

        String query(String path) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
            fields().forEach(uri::queryParam);
            return uri.queryParam("status", status).encode().build().toUriString();
        }
    }

    /** A letter as a row of the list, its time in words. */
    record Row(String failedAt, DeadLetters.Letter letter) {}

    @GetMapping(LIST)
    String list(
            @RequestParam(required = false) @Nullable String stage,
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable String reason,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        Search search = Search.of(stage, partner, reason, status);
        int from = Math.max(0, page) * PAGE;
        model.addAttribute("search", search);
        model.addAttribute(
                "stages",
                stages.statuses().stream().map(StageStatus::stage).sorted().toList());
        model.addAttribute("total", letters.count(search.filter()));
        model.addAttribute(
                "rows",
                letters.list(search.filter(), PAGE, from).stream()
                        .map(letter -> new Row(PageModel.time(letter.failedAt()), letter))
                        .toList());
        model.addAttribute(
                "open", letters.count(Search.of(stage, partner, reason, "open").filter()));
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("replayAll", search.query(LIST + "/replay"));
        return "console/dead-letters";
    }

    @GetMapping(LIST + "/{id}")
    String detail(@PathVariable long id, Model model) {
        DeadLetters.Letter letter = actions.find(id);
        model.addAttribute("letter", letter);
        model.addAttribute("failedAt", PageModel.time(letter.failedAt()));
        model.addAttribute("statusAt", PageModel.time(letter.statusAt()));
        try {
            model.addAttribute("detail", actions.detail(id));
        } catch (ErrorResponseException e) {
            // Past Kafka's retention: the row is still worth showing, without headers or payload.
            model.addAttribute("detail", null);
            model.addAttribute("missing", e.getBody().getDetail());
        }
        return "console/dead-letter";
    }

    @GetMapping(LIST + "/{id}/replay")
    String confirmReplay(@PathVariable long id, @Nullable Principal principal, Model model) {
        PageModel.requireOperator(principal);
        DeadLetters.Letter letter = actions.find(id);
        return confirm(
                model,
                new Confirmation(
                        "dead-letters",
                        "deadLetters.confirmReplay",
                        List.of(id, letter.stage()),
                        LIST + "/" + id + "/replay",
                        Map.of(),
                        "deadLetters.replay",
                        LIST + "/" + id));
    }

    @PostMapping(LIST + "/{id}/replay")
    RedirectView replay(@PathVariable long id, HttpServletRequest request, RedirectAttributes redirect) {
        DeadLetterActions.Replayed outcome = actions.replay(id, request);
        return Outcome.redirect(
                redirect,
                outcome.status().equals("replayed"),
                LIST + "/" + id,
                "deadLetters.outcome." + outcome.status(),
                id,
                String.valueOf(outcome.reason()));
    }

    @GetMapping(LIST + "/{id}/discard")
    String confirmDiscard(@PathVariable long id, @Nullable Principal principal, Model model) {
        PageModel.requireOperator(principal);
        actions.find(id);
        return confirm(
                model,
                new Confirmation(
                        "dead-letters",
                        "deadLetters.confirmDiscard",
                        List.of(id),
                        LIST + "/" + id + "/discard",
                        Map.of(),
                        "deadLetters.discard",
                        LIST + "/" + id));
    }

    @PostMapping(LIST + "/{id}/discard")
    RedirectView discard(@PathVariable long id, HttpServletRequest request, RedirectAttributes redirect) {
        DeadLetterActions.Replayed outcome = actions.discard(id, request);
        return Outcome.redirect(
                redirect,
                outcome.status().equals("discarded"),
                LIST + "/" + id,
                "deadLetters.outcome." + outcome.status(),
                id,
                "");
    }

    @GetMapping(LIST + "/replay")
    String confirmReplayAll(
            @RequestParam(required = false) @Nullable String stage,
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable String reason,
            @Nullable Principal principal,
            Model model) {
        PageModel.requireOperator(principal);
        Search search = Search.of(stage, partner, reason, "open");
        long open = letters.count(search.filter());
        return confirm(
                model,
                new Confirmation(
                        "dead-letters",
                        "deadLetters.confirmReplayAll",
                        List.of(Math.min(open, DeadLetterActions.MAX_REPLAY_ALL)),
                        LIST + "/replay",
                        search.fields(),
                        "deadLetters.replayAll",
                        search.query(LIST)));
    }

    @PostMapping(LIST + "/replay")
    RedirectView replayAll(
            @RequestParam(required = false) @Nullable String stage,
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable String reason,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        Search search = Search.of(stage, partner, reason, "open");
        DeadLetterActions.ReplayAll outcome = actions.replayAll(search.filter(), request);
        return Outcome.redirect(
                redirect,
                outcome.failed() == 0 && !outcome.stoppedByOutage(),
                search.query(LIST),
                outcome.stoppedByOutage() ? "deadLetters.outcome.replayAllStopped" : "deadLetters.outcome.replayAll",
                outcome.replayed(),
                outcome.failed(),
                outcome.skipped());
    }

    private static String confirm(Model model, Confirmation confirmation) {
        model.addAttribute("confirm", confirmation);
        return Confirmation.VIEW;
    }

    private static @Nullable String blank(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
