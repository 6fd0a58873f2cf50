package gr.accmr.hub.console;

import java.io.Serializable;
import java.util.List;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/**
 * What an action did, shown once on the page the operator is sent back to (as a flash attribute,
 * so reloading that page does not repeat the action).
 *
 * @param ok false shows it as a failure
 * @param message message key; {@code arguments} fill it in
 */
record Outcome(boolean ok, String message, List<Object> arguments) implements Serializable {

    static final String ATTRIBUTE = "outcome";

    /** Back to {@code to}, a path with an encoded query, taken as it is (braces in a filter are no template). */
    static RedirectView redirect(
            RedirectAttributes redirect, boolean ok, String to, String message, Object... arguments) {
        redirect.addFlashAttribute(ATTRIBUTE, new Outcome(ok, message, List.of(arguments)));
        RedirectView view = new RedirectView(to, true);
        view.setExpandUriTemplateVariables(false);
        return view;
    }
}
