package gr.accmr.hub.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs before the sign-in form is checked: a user name or client address that has used up its
 * failed sign-ins gets the sign-in page again, answered 429 with {@code Retry-After}, and the
 * password is never hashed.
 */
final class FormSignInThrottleFilter extends OncePerRequestFilter {

    private final SignInThrottle throttle;

    FormSignInThrottleFilter(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod())
                && ConsoleSecurityConfiguration.LOGIN_PAGE.equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = formUser(request);
        if (user != null) {
            OptionalLong wait = throttle.refusedFor(user, ConsoleSecurityConfiguration.address(request));
            if (wait.isPresent()) {
                // The page forwarded to reads the wait from this header to say how long it is.
                response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait.getAsLong()));
                request.getRequestDispatcher(ConsoleSecurityConfiguration.REFUSED_PAGE)
                        .forward(request, response);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    static @Nullable String formUser(HttpServletRequest request) {
        String user = request.getParameter("username");
        return user == null || user.isBlank() ? null : user;
    }
}
