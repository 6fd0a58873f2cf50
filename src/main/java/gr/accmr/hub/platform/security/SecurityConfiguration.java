package gr.accmr.hub.platform.security;

import static org.springframework.security.config.Customizer.withDefaults;

import gr.accmr.hub.platform.HubProperties;
import gr.accmr.hub.platform.RateLimitBuckets;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Public: the mobile feeds, the static site, the health check, the push JSON Schema, and the API
 * description only when {@code hub.security.public-api-docs} says so. Partner
 * push endpoints and webhooks authenticate each request by its signature, in their controllers.
 * Everything else, the archive API and anything operator-facing, needs HTTP Basic authentication.
 * The console and the landing page have a chain of their own ({@link ConsoleSecurityConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The signed push API of partners (Standard Webhooks signatures). */
    static final String SIGNED_PUSH = "/api/v1/partners/*/notices/**";

    /** Batches of the same push API, signed alike. */
    static final String SIGNED_PUSH_BATCHES = "/api/v1/partners/*/notice-batches";

    /** Webhooks from partner platforms (Zendesk), signed per platform. */
    static final String SIGNED_WEBHOOKS = "/api/v1/webhooks/**";

    /** Read-only admin API of what the console shows: open to viewers, as the console's pages are. */
    static final String[] VIEWER_READS = {
        "/api/v1/admin/overview",
        "/api/v1/admin/topics",
        "/api/v1/admin/routes",
        "/api/v1/admin/review",
        "/api/v1/admin/review/**"
    };

    /** Editorial decisions: editors, and the roles above them. */
    static final String[] EDITOR_ACTIONS = {"/api/v1/admin/review/*/approve", "/api/v1/admin/review/*/reject"};

    /** The OpenAPI description and Swagger UI: public only with {@code hub.security.public-api-docs}. */
    static final String[] API_DOCS = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html"};

    /**
     * Pages the hub renders (the static site, error pages): nothing but their own stylesheet and
     * images, no script at all, never framed. Partners' HTML is sanitized before it gets here; this
     * is the second wall should a sanitizer gap ever let markup through.
     */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' https: data:; "
            + "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** Swagger UI sets inline styles and calls the API from its scripts; still nothing from elsewhere. */
    static final String SWAGGER_UI_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** One count of failed sign-ins for HTTP Basic and the console's form alike: neither is a way around the other. */
    @Bean
    SignInThrottle signInFailures(HubProperties properties, RateLimitBuckets buckets) {
        HubProperties.Security security = properties.security();
        return new SignInThrottle(
                security.signInFailuresPerUser(),
                security.signInFailuresPerAddress(),
                security.signInWindow(),
                buckets::bucket);
    }

    @Bean
    SignInThrottleFilter signInThrottle(SignInThrottle failures) {
        return new SignInThrottleFilter(failures);
    }

    /** A filter bean that is part of the security chain only, not registered with the servlet container too. */
    @Bean
    FilterRegistrationBean<SignInThrottleFilter> signInThrottleRegistration(SignInThrottleFilter filter) {
        FilterRegistrationBean<SignInThrottleFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    SecurityFilterChain hubSecurity(HttpSecurity http, HubProperties properties, SignInThrottleFilter throttle)
            throws Exception {
        boolean publicApiDocs = properties.security().publicApiDocs();
        RequestMatcher swaggerUi = PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**");
        http.authorizeHttpRequests(requests -> {
                    // The second dispatch of an answer computed off the request thread (a push) was
                    // authorized on the first; checking every rule again only costs time.
                    requests.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll();
                    requests.requestMatchers(
                                    "/feeds/**",
                                    "/site/**",
                                    "/actuator/health",
                                    "/actuator/health/**",
                                    "/error",
                                    "/api/v1/schemas/**",
                                    SIGNED_PUSH,
                                    SIGNED_PUSH_BATCHES,
                                    SIGNED_WEBHOOKS,
                                    // Browsers subscribe to urgent notices without an account.
                                    "/api/v1/web-push/**")
                            .permitAll();
                    if (publicApiDocs) {
                        requests.requestMatchers(API_DOCS).permitAll();
                    }
                    // What the console shows, every signed-in role may read; changing it stays with operators.
                    requests.requestMatchers(HttpMethod.GET, VIEWER_READS)
                            .hasAnyRole("VIEWER", "EDITOR", "OPERATOR", "ADMIN");
                    requests.requestMatchers(HttpMethod.POST, EDITOR_ACTIONS).hasAnyRole("EDITOR", "OPERATOR", "ADMIN");
                    requests.requestMatchers(
                                    "/api/v1/admin/dead-letters/**",
                                    "/api/v1/admin/dead-letters",
                                    "/api/v1/admin/stages/**",
                                    "/api/v1/admin/stages",
                                    "/api/v1/admin/routes/**",
                                    "/api/v1/admin/partners/**")
                            .hasAnyRole("OPERATOR", "ADMIN")
                            .requestMatchers("/api/v1/admin/**")
                            .hasRole("ADMIN")
                            .anyRequest()
                            .authenticated();
                })
                // Refused before the password is hashed; failures are counted by the entry point below.
                .addFilterBefore(throttle, BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(throttle.counting(basicEntryPoint())))
                .headers(headers -> commonHeaders(headers)
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                swaggerUi, new ContentSecurityPolicyHeaderWriter(SWAGGER_UI_POLICY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(swaggerUi),
                                new ContentSecurityPolicyHeaderWriter(PAGE_POLICY))))
                // API clients send credentials on every request; no session, so no CSRF token to steal.
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** No sniffing, no framing, no full referrer: the same for the API, the site and the console. */
    static HeadersConfigurer<HttpSecurity> commonHeaders(HeadersConfigurer<HttpSecurity> headers) {
        return headers.contentTypeOptions(withDefaults())
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN));
    }

    private static AuthenticationEntryPoint basicEntryPoint() {
        BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
        entryPoint.setRealmName("Partner Hub");
        return entryPoint;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AdminAccount adminAccount(JdbcTemplate jdbc, PasswordEncoder encoder, HubProperties properties) {
        return new AdminAccount(jdbc, encoder, properties.security().adminPassword());
    }

    @Bean
    UserDetailsService users(HubProperties properties, AdminAccount admin) {
        List<UserDetails> users = new ArrayList<>();
        users.add(User.withUsername(AdminAccount.NAME)
                .password(admin.passwordHash())
                .roles("ADMIN", "OPERATOR")
                .build());
        for (HubProperties.User user : properties.security().users()) {
            refuseClearText(user);
            users.add(User.withUsername(user.name())
                    .password(user.password())
                    .roles(user.roles().toArray(String[]::new))
                    .build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    /**
     * A password kept in clear text in the configuration (an environment variable, a file beside
     * the jar) is one leak away from an operator's account: the hub does not start with one.
     */
    static void refuseClearText(HubProperties.User user) {
        String password = user.password();
        if (password.startsWith("{noop}") || !password.matches("\\{[a-zA-Z0-9_.-]+}.*")) {
            throw new IllegalStateException("hub.security.users: the password of user '" + user.name()
                    + "' is in clear text (" + (password.startsWith("{noop}") ? "{noop}" : "no {id} prefix")
                    + "), which the hub refuses; give its hash instead, for instance {bcrypt}$2a$10$... from "
                    + "'htpasswd -nbBC 10 \"\" PASSWORD | cut -d: -f2' or Spring Security's BCryptPasswordEncoder");
        }
    }
}
