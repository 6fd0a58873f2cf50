package gr.accmr.hub.platform.security;

import gr.accmr.hub.platform.HubProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;

/**
 * The browser side of the hub: the public landing page, the sign-in form and the console. Unlike
 * the API, it keeps a session (so it has CSRF protection), signs in with a form, and lets its own
 * scripts run. Failed form sign-ins count against the same limits as failed HTTP Basic ones.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    /** Where the sign-in form is; a refused attempt is rendered by {@link #REFUSED_PAGE}. */
    static final String LOGIN_PAGE = "/login";

    /** The page a sign-in refused by the throttle is forwarded to, answered 429. */
    static final String REFUSED_PAGE = "/login/refused";

    /**
     * Console pages: the hub's own scripts and styles only (htmx from its webjar), nothing inline
     * and nothing from elsewhere, never framed; forms post only back to the hub.
     */
    static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /** To the sign-in form; a live part of a page (htmx) is told to take the whole page there. */
    private static AuthenticationEntryPoint signInFirst() {
        AuthenticationEntryPoint form = new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE);
        return (request, response, e) -> {
            if ("true".equals(request.getHeader("HX-Request"))) {
                response.setHeader("HX-Redirect", LOGIN_PAGE);
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                form.commence(request, response, e);
            }
        };
    }

    @Bean
    @Order(1)
    SecurityFilterChain consoleSecurity(HttpSecurity http, HubProperties properties, SignInThrottle failures)
            throws Exception {
        http.securityMatcher("/", LOGIN_PAGE, LOGIN_PAGE + "/**", "/logout", "/console", "/console/**", "/webjars/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/", LOGIN_PAGE, LOGIN_PAGE + "/**", "/console/assets/**", "/webjars/**")
                        .permitAll()
                        // The audit log is the admins', as in the API.
                        .requestMatchers("/console/audit", "/console/audit/**")
                        .hasRole("ADMIN")
                        // Editorial decisions are the editors' (and the roles above them).
                        .requestMatchers(HttpMethod.POST, "/console/review/**")
                        .hasAnyRole("EDITOR", "OPERATOR", "ADMIN")
                        // Every other change the console makes is a POST: operators and admins only.
                        .requestMatchers(HttpMethod.POST, "/console/**")
                        .hasAnyRole("OPERATOR", "ADMIN")
                        .requestMatchers("/console", "/console/**")
                        .hasAnyRole("VIEWER", "EDITOR", "OPERATOR", "ADMIN")
                        .anyRequest()
                        .authenticated())
                .addFilterBefore(new FormSignInThrottleFilter(failures), UsernamePasswordAuthenticationFilter.class)
                // A live part of a page (htmx) whose session ran out takes the whole page to the sign-in
                // form, instead of the form being swapped into the part.
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(signInFirst()))
                .formLogin(form -> form.loginPage(LOGIN_PAGE)
                        .successHandler(expiring(properties))
                        .failureHandler(counting(failures)))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl(LOGIN_PAGE + "?logout"))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .headers(headers -> SecurityConfiguration.commonHeaders(headers)
                        .addHeaderWriter(new ContentSecurityPolicyHeaderWriter(CONSOLE_POLICY)));
        return http.build();
    }

    /** After a sign-in: the page asked for, or the overview; the session ends after the configured idle time. */
    private static AuthenticationSuccessHandler expiring(HubProperties properties) {
        SavedRequestAwareAuthenticationSuccessHandler target = new SavedRequestAwareAuthenticationSuccessHandler();
        target.setDefaultTargetUrl("/console");
        int idleSeconds = (int) properties.security().consoleSessionTimeout().toSeconds();
        return (request, response, authentication) -> {
            HttpSession session = request.getSession();
            session.setMaxInactiveInterval(idleSeconds);
            target.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /** A wrong password counts against the user name and the address, as with HTTP Basic. */
    private static AuthenticationFailureHandler counting(SignInThrottle failures) {
        SimpleUrlAuthenticationFailureHandler form = new SimpleUrlAuthenticationFailureHandler(LOGIN_PAGE + "?error");
        return (request, response, failure) -> {
            String user = FormSignInThrottleFilter.formUser(request);
            if (user != null && failure instanceof BadCredentialsException) {
                failures.failed(user, address(request));
            }
            form.onAuthenticationFailure(request, response, failure);
        };
    }

    static String address(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
