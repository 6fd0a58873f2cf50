package gr.accmr.hub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import gr.accmr.hub.platform.HubProperties;
import gr.accmr.hub.platform.RateLimitBuckets;
import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * Who may read the OpenAPI description and Swagger UI, under either setting of {@code
 * hub.security.public-api-docs}: the hub's own security configuration in a small web context of
 * its own (stand-ins answer for springdoc's pages), no database, broker or server, so both
 * settings cost under a second instead of a second hub each. The real pages behind the default
 * setting are shown by {@code PageHeadersIT}.
 */
class ApiDocsAccessTest {

    private static final String ADMIN_PASSWORD = "api-docs-test-password";

    private GenericWebApplicationContext context;

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void servesTheApiDescriptionAndSwaggerUiWithoutSignInWhenConfiguredPublic() throws Exception {
        MockMvc hub = hub(true);

        MockHttpServletResponse description =
                hub.perform(get("/v3/api-docs")).andReturn().getResponse();
        assertThat(description.getStatus()).isEqualTo(200);
        assertThat(description.getContentAsString()).contains("openapi");
        assertThat(hub.perform(get("/v3/api-docs/swagger-config"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);

        MockHttpServletResponse ui =
                hub.perform(get("/swagger-ui/index.html")).andReturn().getResponse();
        assertThat(ui.getStatus()).isEqualTo(200);
        assertThat(ui.getHeader("Content-Security-Policy"))
                .isEqualTo(SecurityConfiguration.SWAGGER_UI_POLICY)
                .contains("script-src 'self'", "frame-ancestors 'none'");
        // The description is a JSON document, not a page: it keeps the strict policy.
        assertThat(description.getHeader("Content-Security-Policy")).isEqualTo(SecurityConfiguration.PAGE_POLICY);

        // Nothing else opens with it.
        assertThat(hub.perform(get("/api/v1/partners"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(401);
    }

    @Test
    void asksForSignInBeforeTheApiDescriptionAndSwaggerUiByDefault() throws Exception {
        MockMvc hub = hub(false);

        for (String path : new String[] {"/v3/api-docs", "/v3/api-docs/swagger-config", "/swagger-ui/index.html"}) {
            MockHttpServletResponse anonymous =
                    hub.perform(get(path)).andReturn().getResponse();
            assertThat(anonymous.getStatus()).as(path).isEqualTo(401);
            assertThat(anonymous.getHeader("WWW-Authenticate")).as(path).startsWith("Basic");

            MockHttpServletResponse signedIn = hub.perform(get(path).header("Authorization", basic("admin")))
                    .andReturn()
                    .getResponse();
            assertThat(signedIn.getStatus()).as(path).isEqualTo(200);
        }
        MockHttpServletResponse ui = hub.perform(get("/swagger-ui/index.html").header("Authorization", basic("admin")))
                .andReturn()
                .getResponse();
        assertThat(ui.getHeader("Content-Security-Policy")).isEqualTo(SecurityConfiguration.SWAGGER_UI_POLICY);
    }

    /** The security chain of a hub with the given setting, in front of stand-ins for springdoc's pages. */
    private MockMvc hub(boolean publicApiDocs) {
        HubProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                        "hub.security.public-api-docs",
                        String.valueOf(publicApiDocs),
                        "hub.security.admin-password",
                        ADMIN_PASSWORD)))
                .bindOrCreate("hub", HubProperties.class);
        context = new GenericWebApplicationContext(new MockServletContext());
        AnnotationConfigUtils.registerAnnotationConfigProcessors(context);
        context.registerBean(Web.class);
        context.registerBean(HubProperties.class, () -> properties);
        // Only a failed sign-in would reach the database, and the admin account finds no stored hash.
        context.registerBean(RateLimitBuckets.class, () -> new RateLimitBuckets(mock(DataSource.class)));
        context.registerBean(JdbcTemplate.class, () -> mock(JdbcTemplate.class));
        context.refresh();
        return MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean("springSecurityFilterChain", Filter.class))
                .build();
    }

    private static MockHttpServletRequestBuilder get(String path) {
        return MockMvcRequestBuilders.get(path);
    }

    private static String basic(String user) {
        return "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    @EnableWebSecurity
    @Import({SecurityConfiguration.class, SpringdocStandIn.class})
    static class Web {}

    /** Answers where springdoc would, so only the security chain decides the status. */
    @RestController
    static class SpringdocStandIn {

        @GetMapping({"/v3/api-docs", "/v3/api-docs/swagger-config"})
        String description() {
            return "{\"openapi\": \"3.1.0\"}";
        }

        @GetMapping("/swagger-ui/index.html")
        String ui() {
            return "<!doctype html><title>Swagger UI</title>";
        }

        @GetMapping("/api/v1/partners")
        String partners() {
            return "[]";
        }
    }
}
