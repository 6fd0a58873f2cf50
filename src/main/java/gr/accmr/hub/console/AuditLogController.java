package gr.accmr.hub.console;

import gr.accmr.hub.platform.Audit;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log page, for admins as the audit API is: who did what, when, from where; newest first. */
@Controller
class AuditLogController implements ConsolePage {

    static final int PAGE = 50;

    private final Audit audit;

    AuditLogController(Audit audit) {
        this.audit = audit;
    }

    /** An entry as the page shows it, with its time in words. */
    record Row(String at, Audit.Entry entry) {}

    @GetMapping("/console/audit")
    String page(@RequestParam(defaultValue = "0") int page, Model model) {
        int from = Math.max(0, page) * PAGE;
        // One more than a page tells whether there is a next one.
        List<Audit.Entry> entries = audit.recent(PAGE + 1, from);
        model.addAttribute(
                "rows",
                entries.stream()
                        .limit(PAGE)
                        .map(entry -> new Row(PageModel.time(entry.at()), entry))
                        .toList());
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("more", entries.size() > PAGE);
        return "console/audit";
    }
}
