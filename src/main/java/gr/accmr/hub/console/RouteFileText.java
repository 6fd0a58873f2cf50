package gr.accmr.hub.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A partner file as the console shows it: the text as written, but the value of a parameter whose
 * name says it is a secret (password, token, secret, key) hidden, unless it only names where the
 * secret comes from ({@code {{env:NAME}}}). The partner guide asks for secrets to stay out of the
 * files; this keeps one that slipped in off the screen.
 */
final class RouteFileText {

    static final String HIDDEN = "••••••";

    private static final Pattern SECRET_NAME = Pattern.compile(
            "^\\s*-?\\s*name:\\s*[\"']?[\\w.-]*(password|token|secret|key)[\"']?\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern VALUE = Pattern.compile("^(\\s*-?\\s*value:\\s*)(.*)$");

    private RouteFileText() {}

    static String masked(String content) {
        StringBuilder shown = new StringBuilder(content.length());
        boolean secretNext = false;
        for (String line : content.split("\n", -1)) {
            Matcher value = VALUE.matcher(line);
            if (secretNext
                    && value.matches()
                    && !value.group(2).isBlank()
                    && !value.group(2).contains("{{")) {
                line = value.group(1) + HIDDEN;
            }
            secretNext = SECRET_NAME.matcher(line).matches();
            shown.append(line).append('\n');
        }
        return shown.substring(0, shown.length() - 1);
    }
}
