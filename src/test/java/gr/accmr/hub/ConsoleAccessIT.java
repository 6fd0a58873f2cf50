package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who reaches what in a browser: without signing in only the landing page, the sign-in page, the
 * feeds, the site and health answer; the console keeps a session with CSRF protection, while the
 * API stays HTTP Basic and stateless.
 */
class ConsoleAccessIT extends HubITSupport {

    @Test
    void showsTheLandingPageWithoutSigningIn() {
        HttpResponse<String> landing = http("/", false);

        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.body())
                .contains("<html lang=\"en\" dir=\"ltr\">")
                .contains("href=\"/site/\"", "href=\"/console\"", "href=\"/swagger-ui.html\"")
                .contains("href=\"/feeds/en.json\"", "href=\"/feeds/ar.atom\"", "href=\"/feeds/el.json\"");
        assertThat(landing.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy)
                        .contains("script-src 'self'", "frame-ancestors 'none'", "form-action 'self'")
                        .doesNotContain("unsafe-inline", "unsafe-eval"));
        assertThat(landing.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void answersOnlyPublicPagesWithoutSigningIn() {
        // Answered, not refused: health says 503 while some test's partner is down, and the site
        // has no index until its first notice is rendered.
        for (String path : new String[] {"/", "/login", "/feeds/en.json", "/site/index.html", "/actuator/health"}) {
            assertThat(http(path, false).statusCode()).as(path).isIn(200, 404, 503);
        }
        assertThat(http("/", false).statusCode()).isEqualTo(200);
        assertThat(http("/login", false).statusCode()).isEqualTo(200);
        for (String path : new String[] {"/console", "/console/anything"}) {
            HttpResponse<String> page = http(path, false);
            assertThat(page.statusCode()).as(path).isEqualTo(302);
            assertThat(page.headers().firstValue("Location"))
                    .as(path)
                    .hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
        }
        for (String path : new String[] {"/api/v1/admin/audit", "/api/v1/archive/notices", "/api/v1/partners"}) {
            HttpResponse<String> api = http(path, false);
            assertThat(api.statusCode()).as(path).isEqualTo(401);
            assertThat(api.headers().firstValue("WWW-Authenticate"))
                    .as(path)
                    .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic"));
        }
    }

    @Test
    void signsInWithTheFormAndOutAgain() {
        ConsoleSession browser = new ConsoleSession(port);

        HttpResponse<String> signedIn = browser.signIn("operator", OPERATOR_PASSWORD);

        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/console"));
        HttpResponse<String> console = browser.get("/console");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).contains("operator (operator)", "action=\"/logout\"");

        HttpResponse<String> signedOut = browser.submit("/console", "/logout", Map.of());
        assertThat(signedOut.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/login?logout"));
        assertThat(browser.get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void refusesAFormWithoutItsCsrfToken() {
        ConsoleSession browser = new ConsoleSession(port);
        browser.get("/login");

        HttpResponse<String> forged = browser.post("/login", Map.of("username", "admin", "password", ADMIN_PASSWORD));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(browser.get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void sendsAWrongPasswordBackToTheFormWithAMessage() {
        ConsoleSession browser = new ConsoleSession(port);

        HttpResponse<String> refused = browser.signIn("reader", "not-the-password");

        assertThat(refused.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/login?error"));
        assertThat(browser.get("/login?error").body()).contains("Wrong user name or password.");
        assertThat(browser.get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void keepsTheApiStatelessAndOnHttpBasic() {
        HttpResponse<String> api = http("/api/v1/admin/audit", true);

        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Set-Cookie")).isEmpty();
        // A console session is no key to the API: it answers HTTP Basic only.
        ConsoleSession browser = new ConsoleSession(port);
        browser.signIn("admin", ADMIN_PASSWORD);
        assertThat(browser.get("/api/v1/admin/audit").statusCode()).isEqualTo(401);
    }

    @Test
    void letsEveryRoleSeeTheConsoleButOnlyOperatorsAct() {
        for (String user : new String[] {"reader", "operator", "admin"}) {
            ConsoleSession browser = new ConsoleSession(port);
            browser.signIn(user, user.equals("admin") ? ADMIN_PASSWORD : OPERATOR_PASSWORD);
            assertThat(browser.get("/console").statusCode()).as(user).isEqualTo(200);
        }
        ConsoleSession reader = new ConsoleSession(port);
        reader.signIn("reader", OPERATOR_PASSWORD);
        assertThat(reader.get("/console").body()).contains("reader (viewer)");
        ConsoleSession editor = new ConsoleSession(port);
        editor.signIn("editor", OPERATOR_PASSWORD);
        assertThat(editor.get("/console").body()).contains("editor (editor)");
        // Any change is a POST under /console: refused to a viewer before it reaches a controller.
        assertThat(reader.submit("/console", "/console/stages/normalize/suspend", Map.of())
                        .statusCode())
                .isEqualTo(403);
        // An editor decides reviews, not the pipeline.
        assertThat(editor.submit("/console", "/console/stages/normalize/suspend", Map.of())
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void showsEveryConsolePageToEveryRoleAndNoneWithoutSigningIn() {
        String[] pages = {
            "/console/partners", "/console/routes", "/console/dead-letters", "/console/notices", "/console/review"
        };
        for (String user : new String[] {"reader", "editor", "operator", "admin"}) {
            ConsoleSession browser = new ConsoleSession(port);
            browser.signIn(user, user.equals("admin") ? ADMIN_PASSWORD : OPERATOR_PASSWORD);
            for (String page : pages) {
                HttpResponse<String> shown = browser.get(page);
                assertThat(shown.statusCode()).as(user + " " + page).isEqualTo(200);
                // The navigation marks the page as the current one.
                assertThat(shown.body())
                        .as(user + " " + page)
                        .containsPattern("href=\"" + page + "\"[^>]*aria-current=\"page\"");
            }
        }
        for (String page : pages) {
            assertThat(new ConsoleSession(port).get(page).statusCode()).as(page).isEqualTo(302);
        }
    }

    @Test
    void showsTheAuditLogToAdminsOnly() {
        // An audited action, so the log has an entry to show.
        assertThat(request("POST", "/api/v1/admin/stages/fanout.mobile/resume", "operator", OPERATOR_PASSWORD, null)
                        .statusCode())
                .isEqualTo(200);
        ConsoleSession admin = new ConsoleSession(port);
        admin.signIn("admin", ADMIN_PASSWORD);

        HttpResponse<String> log = admin.get("/console/audit");

        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.body()).contains("class=\"audit-entry\"", "stage.resume", "stage:fanout.mobile");
        assertThat(admin.get("/console").body()).contains("href=\"/console/audit\"");
        for (String user : new String[] {"reader", "operator"}) {
            ConsoleSession other = new ConsoleSession(port);
            other.signIn(user, OPERATOR_PASSWORD);
            assertThat(other.get("/console/audit").statusCode()).as(user).isEqualTo(403);
            assertThat(other.get("/console").body()).as(user).doesNotContain("href=\"/console/audit\"");
        }
    }

    @Test
    void speaksGreekFromTheBrowserOrWhenAskedAndKeepsIt() {
        assertThat(new ConsoleSession(port)
                        .get("/login", "fr-FR,el;q=0.8,en;q=0.5")
                        .body())
                .contains("<html lang=\"el\" dir=\"ltr\">", "Σύνδεση");
        ConsoleSession browser = new ConsoleSession(port);

        HttpResponse<String> greek = browser.get("/login?lang=el");

        assertThat(greek.body()).contains("<html lang=\"el\" dir=\"ltr\">", "Όνομα χρήστη");
        assertThat(browser.get("/").body()).contains("<html lang=\"el\" dir=\"ltr\">", "Άνοιγμα της κονσόλας");
        assertThat(browser.get("/?lang=en").body()).contains("<html lang=\"en\" dir=\"ltr\">", "Open the console");
        // A language the console does not speak falls back to English.
        assertThat(new ConsoleSession(port).get("/?lang=fa").body()).contains("<html lang=\"en\" dir=\"ltr\">");
    }
}
