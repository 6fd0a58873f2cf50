package gr.accmr.hub.console;

import java.util.List;
import java.util.Map;

/**
 * A question asked before an action takes effect (template {@code console/confirm}): the action is
 * a form posted with the page's CSRF token, so it works without scripts and cannot be set off by a
 * link. Texts are message keys with their arguments, so the question is in the operator's language.
 *
 * @param page the navigation entry the question belongs to
 * @param question message key of the question; {@code arguments} fill it in
 * @param action where the confirmed form posts
 * @param fields hidden fields posted with it, such as a filter
 * @param button message key of the confirming button
 * @param back where "cancel" leads
 */
record Confirmation(
        String page,
        String question,
        List<Object> arguments,
        String action,
        Map<String, String> fields,
        String button,
        String back) {

    static final String VIEW = "console/confirm";
}
