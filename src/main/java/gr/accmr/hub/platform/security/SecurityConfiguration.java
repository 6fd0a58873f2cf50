package gr.accmr.hub.platform.security;

import static org.springframework.security.config.Customizer.withDefaults;

import gr.accmr.hub.platform.HubProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Public: the mobile feeds, the static site, the health check and the API description. Partner
 * push endpoints and webhooks authenticate each request by its signature, in their controllers.
 * Everything else, the archive API and anything operator-facing, needs HTTP Basic authentication.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The signed push API of partners (Standard Webhooks signatures). */
    static final String SIGNED_PUSH = "/api/v1/partners/*/notices/**";

    /** Webhooks from partner platforms (Zendesk), signed per platform. */
    static final String SIGNED_WEBHOOKS = "/api/v1/webhooks/**";

    @Bean
    SecurityFilterChain hubSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/feeds/**",
                                "/site/**",
                                "/actuator/health",
                                "/actuator/health/**",
                                "/error",
                                "/v3/api-docs/**",
                                "/swagger-ui/**",
                                "/swagger-ui.html",
                                "/api/v1/schemas/**",
                                SIGNED_PUSH,
                                SIGNED_WEBHOOKS)
                        .permitAll()
                        .requestMatchers(
                                "/api/v1/admin/dead-letters/**",
                                "/api/v1/admin/dead-letters",
                                "/api/v1/admin/stages/**",
                                "/api/v1/admin/stages")
                        .hasAnyRole("OPERATOR", "ADMIN")
                        .requestMatchers("/api/v1/admin/**")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .authenticated())
                .httpBasic(withDefaults())
                // API clients send credentials on every request; no session, so no CSRF token to steal.
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
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
            users.add(User.withUsername(user.name())
                    .password(user.password())
                    .roles(user.roles().toArray(String[]::new))
                    .build());
        }
        return new InMemoryUserDetailsManager(users);
    }
}
