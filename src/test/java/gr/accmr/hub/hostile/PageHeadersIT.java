package gr.accmr.hub.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Every page the hub serves carries a Content-Security-Policy that allows no script and no
 * framing, with nosniff and a referrer policy; the API description is not public unless configured.
 */
class PageHeadersIT extends HostileITSupport {

    @Test
    void servesTheSiteAndItsErrorPagesWithAPolicyThatAllowsNoScript() {
        for (String path : new String[] {"/site/", "/site/no-such-page.html", "/feeds/en.json", "/no-such-path"}) {
            HttpResponse<String> page = http(path, false);
            String policy = page.headers().firstValue("Content-Security-Policy").orElse("");

            assertThat(policy).as(path).contains("default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'");
            assertThat(policy).as(path).doesNotContain("script-src", "unsafe-inline");
            assertThat(page.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .hasValue("nosniff");
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(page.headers().firstValue("Referrer-Policy"))
                    .as(path)
                    .hasValue("strict-origin-when-cross-origin");
        }
    }

    @Test
    void keepsTheApiDescriptionPrivateByDefaultButThePushSchemaPublic() {
        assertThat(http("/v3/api-docs", false).statusCode()).isEqualTo(401);
        assertThat(http("/swagger-ui/index.html", false).statusCode()).isEqualTo(401);
        assertThat(http("/api/v1/schemas/push-notice.schema.json", false).statusCode())
                .isEqualTo(200);

        // Generated on first use, which can take a while on a busy machine: the longer timeout.
        assertThat(request("GET", "/v3/api-docs", "admin", ADMIN_PASSWORD, null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void givesSwaggerUiAPolicyOfItsOwn() {
        HttpResponse<String> ui = http("/swagger-ui/index.html", true);

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy)
                        .contains("script-src 'self'", "style-src 'self' 'unsafe-inline'", "frame-ancestors 'none'"));
    }
}
