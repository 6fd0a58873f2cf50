package gr.accmr.hub.platform.security;

import gr.accmr.hub.platform.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs before HTTP Basic authentication: a request whose user or client address has used up its
 * failed sign-ins gets 429 with {@code Retry-After}, and its password is never hashed. The client
 * address is the connection's, or the one a trusted proxy forwarded when {@code
 * server.forward-headers-strategy} is set; a client's own {@code X-Forwarded-For} is ignored
 * otherwise, so it cannot pick a fresh address per attempt.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

    private final SignInThrottle throttle;

    SignInThrottleFilter(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = basicUser(request);
        if (user != null) {
            OptionalLong wait = throttle.refusedFor(user, request.getRemoteAddr());
            if (wait.isPresent()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait.getAsLong()));
                Problems.write(
                        response,
                        HttpStatus.TOO_MANY_REQUESTS,
                        "Too many failed sign-ins",
                        "too many failed sign-ins for this user or from this address; retry later");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * Wraps HTTP Basic's entry point: a sign-in refused for bad credentials counts against the user
     * and the address; a request that sent no credentials at all does not.
     */
    AuthenticationEntryPoint counting(AuthenticationEntryPoint delegate) {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) -> {
            String user = basicUser(request);
            if (user != null && failure instanceof BadCredentialsException) {
                throttle.failed(user, request.getRemoteAddr());
            }
            delegate.commence(request, response, failure);
        };
    }

    /** The user name of an HTTP Basic {@code Authorization} header, or null without a readable one. */
    static @Nullable String basicUser(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
