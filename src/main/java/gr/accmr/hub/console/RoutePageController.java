package gr.accmr.hub.console;

import gr.accmr.hub.platform.Audit;
import gr.accmr.hub.platform.Stages;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Map;
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
 * The routes page: every Camel route with its state and figures, and the pipeline's stages; each
 * suspended or resumed after a confirmation, audited as through the admin API.
 */
@Controller
class RoutePageController implements ConsolePage {

    static final String PAGE = "/console/routes";

    private final CamelRoutes routes;
    private final Stages stages;
    private final Audit audit;

    RoutePageController(CamelRoutes routes, Stages stages, Audit audit) {
        this.routes = routes;
        this.stages = stages;
        this.audit = audit;
    }

    /** A route as a row: its last error's time in words. */
    record RouteRow(CamelRoutes.RouteStatus route, @Nullable String lastErrorAt) {}

    @GetMapping(PAGE)
    String page(Model model) {
        model.addAttribute(
                "routes",
                routes.statuses().stream()
                        .map(route -> new RouteRow(
                                route,
                                route.lastError() == null
                                        ? null
                                        : PageModel.time(route.lastError().at())))
                        .toList());
        model.addAttribute("stages", stages.statuses());
        return "console/routes";
    }

    @GetMapping(PAGE + "/{id}/{action:suspend|resume}")
    String confirmRoute(
            @PathVariable String id, @PathVariable String action, @Nullable Principal principal, Model model) {
        PageModel.requireOperator(principal);
        known(() -> routes.known(id));
        return confirm(model, "routes.confirm." + action, id, PAGE + "/" + id + "/" + action, "routes." + action);
    }

    @PostMapping(PAGE + "/{id}/{action:suspend|resume}")
    RedirectView route(
            @PathVariable String id,
            @PathVariable String action,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            if (action.equals("suspend")) {
                routes.suspend(id, request);
            } else {
                routes.resume(id, request);
            }
        } catch (ErrorResponseException e) {
            return Outcome.redirect(
                    redirect,
                    false,
                    PAGE,
                    "routes.outcome.failed",
                    id,
                    String.valueOf(e.getBody().getDetail()));
        }
        return Outcome.redirect(redirect, true, PAGE, "routes.outcome." + action, id);
    }

    @GetMapping("/console/stages/{name}/{action:suspend|resume}")
    String confirmStage(
            @PathVariable String name, @PathVariable String action, @Nullable Principal principal, Model model) {
        PageModel.requireOperator(principal);
        knownStage(name);
        return confirm(
                model, "stages.confirm." + action, name, "/console/stages/" + name + "/" + action, "routes." + action);
    }

    /** The same as the stages' admin API: suspended or resumed on this instance, audited. */
    @PostMapping("/console/stages/{name}/{action:suspend|resume}")
    RedirectView stage(
            @PathVariable String name,
            @PathVariable String action,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        knownStage(name);
        if (action.equals("suspend")) {
            stages.suspend(name);
            audit.record(request, "stage.suspend", "stage:" + name, "suspended", null);
        } else {
            stages.resume(name);
            audit.record(request, "stage.resume", "stage:" + name, "resumed", null);
        }
        return Outcome.redirect(redirect, true, PAGE, "stages.outcome." + action, name);
    }

    private void knownStage(String name) {
        if (stages.stage(name).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no stage " + name);
        }
    }

    private static void known(Runnable check) {
        try {
            check.run();
        } catch (ErrorResponseException e) {
            throw new ResponseStatusException(e.getStatusCode(), e.getBody().getDetail());
        }
    }

    private static String confirm(Model model, String question, String subject, String action, String button) {
        model.addAttribute(
                "confirm", new Confirmation("routes", question, List.of(subject), action, Map.of(), button, PAGE));
        return Confirmation.VIEW;
    }
}
