package gr.accmr.hub.console;

import gr.accmr.hub.ingest.PartnerControl;
import gr.accmr.hub.ingest.PartnerDefinitions;
import gr.accmr.hub.ingest.PartnerHealth;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The partners page: one row per partner with its kind of source, last poll, success and error,
 * items sent, warnings and the instance polling it; a partner's page adds its file from the routes
 * folder, read only, and pausing or resuming its route on this instance.
 */
@Controller
class PartnerPageController implements ConsolePage {

    private static final Pattern TEMPLATE = Pattern.compile("routeTemplateRef:\\s*[\"']?([\\w.-]+)");

    private final PartnerHealth health;
    private final PartnerDefinitions definitions;
    private final CamelRoutes routes;
    private final PartnerControl control;

    PartnerPageController(
            PartnerHealth health, PartnerDefinitions definitions, CamelRoutes routes, PartnerControl control) {
        this.health = health;
        this.definitions = definitions;
        this.routes = routes;
        this.control = control;
    }

    /**
     * A partner as a row; times in words, null where it never happened.
     *
     * @param source the template its file instantiates, {@code push} for a partner that pushes
     * @param file the file that defines it, null for a pushing partner
     */
    record Row(
            String partner,
            String route,
            String source,
            @Nullable String file,
            @Nullable String lastPollAt,
            @Nullable String lastSuccessAt,
            @Nullable String lastErrorAt,
            @Nullable String nextPollAt,
            PartnerHealth.@Nullable Status status) {}

    @GetMapping("/console/partners")
    String page(Model model) {
        List<PartnerDefinitions.Definition> files = definitions.definitions();
        List<Row> rows = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (PartnerHealth.Status status : health.all()) {
            rows.add(row(status.partner(), status.route(), status, files));
            seen.add(status.route());
        }
        // Partners defined but never polled yet (a new file, or an instance that polls none).
        for (PartnerDefinitions.Definition file : files) {
            file.routes().stream()
                    .filter(route -> !seen.contains(route))
                    .forEach(route -> rows.add(row(route.replaceFirst("^partner\\.", ""), route, null, files)));
        }
        rows.sort(Comparator.comparing(Row::partner));
        model.addAttribute("rows", rows);
        model.addAttribute(
                "invalid", files.stream().filter(file -> file.error() != null).toList());
        return "console/partners";
    }

    @GetMapping("/console/partners/{partner}")
    String partner(@PathVariable String partner, Model model) {
        List<PartnerDefinitions.Definition> files = definitions.definitions();
        Optional<PartnerHealth.Status> status = health.current(partner);
        String route = status.map(PartnerHealth.Status::route).orElse("partner." + partner);
        Optional<PartnerDefinitions.Definition> file = definition(route, files);
        if (status.isEmpty() && file.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no partner " + partner);
        }
        model.addAttribute("row", row(partner, route, status.orElse(null), files));
        model.addAttribute("definition", file.orElse(null));
        model.addAttribute("routeState", routes.state(route));
        // Paused for every instance by an operator (not merely stopped here because another instance polls it).
        model.addAttribute("paused", control.isPaused(route));
        model.addAttribute(
                "content",
                file.map(each -> RouteFileText.masked(each.content())).orElse(null));
        return "console/partner";
    }

    @GetMapping("/console/partners/{partner}/{action:pause|resume|poll}")
    String confirm(
            @PathVariable String partner, @PathVariable String action, @Nullable Principal principal, Model model) {
        PageModel.requireOperator(principal);
        model.addAttribute(
                "confirm",
                new Confirmation(
                        "partners",
                        "partner.confirm." + action,
                        List.of(partner),
                        "/console/partners/" + partner + "/" + action,
                        Map.of(),
                        "partner." + action,
                        "/console/partners/" + partner));
        return Confirmation.VIEW;
    }

    /** The same as the partners' admin API: for every instance, audited. */
    @PostMapping("/console/partners/{partner}/{action:pause|resume|poll}")
    RedirectView act(
            @PathVariable String partner,
            @PathVariable String action,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        String page = "/console/partners/" + partner;
        try {
            control.act(partner, PartnerControl.Action.valueOf(action.toUpperCase(Locale.ROOT)), request);
        } catch (ErrorResponseException e) {
            return Outcome.redirect(
                    redirect,
                    false,
                    page,
                    "partner.outcome.failed",
                    partner,
                    String.valueOf(e.getBody().getDetail()));
        }
        return Outcome.redirect(redirect, true, page, "partner.outcome." + action, partner);
    }

    private static Row row(
            String partner,
            String route,
            PartnerHealth.@Nullable Status status,
            List<PartnerDefinitions.Definition> files) {
        Optional<PartnerDefinitions.Definition> file = definition(route, files);
        String source = file.map(each -> template(each.content())).orElse(route.startsWith("push.") ? "push" : "–");
        return new Row(
                partner,
                route,
                source,
                file.map(PartnerDefinitions.Definition::file).orElse(null),
                time(status == null ? null : status.lastPollAt()),
                time(status == null ? null : status.lastSuccessAt()),
                time(status == null ? null : status.lastErrorAt()),
                time(status == null ? null : status.nextPollNotBefore()),
                status);
    }

    private static Optional<PartnerDefinitions.Definition> definition(
            String route, List<PartnerDefinitions.Definition> files) {
        return files.stream().filter(file -> file.routes().contains(route)).findFirst();
    }

    private static String template(String content) {
        Matcher template = TEMPLATE.matcher(content);
        return template.find() ? template.group(1) : "–";
    }

    private static @Nullable String time(@Nullable Instant at) {
        return at == null ? null : PageModel.time(at);
    }
}
