package gr.accmr.hub.console;

import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.review.ReviewQueue;
import java.security.Principal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ResponseStatusException;

/** What every page's frame needs: its language and direction, and who is signed in with which rights. */
@ControllerAdvice(assignableTypes = ConsolePage.class)
class PageModel {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** A time as every console page shows it: to the second, in UTC. */
    static String time(Instant at) {
        return TIME.format(at);
    }

    /**
     * The signed-in operator as the frame shows them; null on public pages before sign-in.
     *
     * @param mayAct operators and admins: pipeline actions
     * @param mayReview editors, operators and admins: review decisions
     */
    record Operator(String name, String role, boolean mayAct, boolean mayReview) {}

    private final ReviewQueue review;

    PageModel(ReviewQueue review) {
        this.review = review;
    }

    @ModelAttribute("lang")
    String lang(Locale locale) {
        return locale.getLanguage();
    }

    @ModelAttribute("dir")
    String dir(Locale locale) {
        return Languages.direction(locale.getLanguage());
    }

    @ModelAttribute("operator")
    @Nullable
    Operator operator(@Nullable Principal principal) {
        if (!(principal instanceof Authentication authentication) || !authentication.isAuthenticated()) {
            return null;
        }
        boolean admin = has(authentication, "ROLE_ADMIN");
        boolean operator = has(authentication, "ROLE_OPERATOR");
        boolean editor = has(authentication, "ROLE_EDITOR");
        return new Operator(
                authentication.getName(),
                admin ? "admin" : operator ? "operator" : editor ? "editor" : "viewer",
                admin || operator,
                admin || operator || editor);
    }

    /**
     * What waits for review, in the top bar of every signed-in page so urgent notices are seen at
     * once; null before sign-in, and while the database cannot say (the page still shows).
     */
    @ModelAttribute("waiting")
    ReviewQueue.@Nullable Waiting waiting(@Nullable Principal principal) {
        if (!(principal instanceof Authentication authentication) || !authentication.isAuthenticated()) {
            return null;
        }
        try {
            return review.waiting();
        } catch (DataAccessException e) {
            return null;
        }
    }

    /** Refuses a viewer the form of a review decision, as the decision itself is refused to them. */
    static void requireEditor(@Nullable Principal principal) {
        if (!(principal instanceof Authentication authentication)
                || !(has(authentication, "ROLE_EDITOR")
                        || has(authentication, "ROLE_OPERATOR")
                        || has(authentication, "ROLE_ADMIN"))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "editors only");
        }
    }

    /** Refuses a viewer the page that confirms an action, as the action itself is refused to them. */
    static void requireOperator(@Nullable Principal principal) {
        if (!(principal instanceof Authentication authentication)
                || !(has(authentication, "ROLE_OPERATOR") || has(authentication, "ROLE_ADMIN"))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "operators only");
        }
    }

    private static boolean has(Authentication authentication, String role) {
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(role::equals);
    }
}
