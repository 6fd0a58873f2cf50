package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The console in a real browser, with its real policy: signing in, the overview's figures
 * refreshing by themselves as a partner's pushed notice flows in, the switch to Greek, and the
 * operators' actions: replaying a dead letter, a notice found in Arabic shown right to left, and
 * suspending and resuming a route.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT extends HubITSupport {

    @RegisterExtension
    static final ConsoleBrowser BROWSER = new ConsoleBrowser();

    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() {
        browser = BROWSER.start(1280, 900);
    }

    @AfterAll
    static void stopBrowser() {
        BROWSER.close();
    }

    @Test
    @Order(1)
    void signsInAndWatchesAPushedNoticeFlowIntoTheOverview() {
        browser.get(url("/console"));
        assertThat(path()).isEqualTo("/login");
        browser.findElement(By.id("username")).sendKeys("operator");
        browser.findElement(By.id("password")).sendKeys(OPERATOR_PASSWORD);
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();

        // Back to the page asked for (Spring Security marks it with ?continue).
        waitUntil(ignored -> path().equals("/console"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
        assertThat(browser.findElement(By.cssSelector(".signout")).getText()).contains("operator (operator)");
        long before = rawRecords();

        HttpResponse<String> pushed = SignedPush.push(port, "irc-api", PUSH_SECRET, """
                {"externalId": "browser-%s", "kind": "notice", "publishedAt": "2026-12-01T10:00:00Z",
                 "translations": {"en": {"title": "Seen in the console", "bodyText": "Flowing."}}}
                """.formatted(UUID.randomUUID()));
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(202);

        // No reload: htmx fetches the figures again every five seconds, under the console's policy.
        waitUntil(ignored -> rawRecords() > before);
        assertThat(path()).isEqualTo("/console");
    }

    @Test
    @Order(2)
    void switchesToGreekAndKeepsItAcrossPages() {
        browser.get(url("/console"));
        browser.findElement(By.cssSelector(".languages a[lang=el]")).click();

        waitUntil(ignored -> "el".equals(browser.findElement(By.tagName("html")).getDomAttribute("lang")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Επισκόπηση");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("dir"))
                .isEqualTo("ltr");

        browser.findElement(By.cssSelector(".pages a[href='/console/topics']")).click();
        waitUntil(ignored -> browser.getCurrentUrl().endsWith("/console/topics"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Θέματα");

        browser.findElement(By.cssSelector(".languages a[lang=en]")).click();
        waitUntil(ignored -> "en".equals(browser.findElement(By.tagName("html")).getDomAttribute("lang")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Topics");
    }

    @Test
    @Order(3)
    void replaysADeadLetterFromItsPageAndSeesItDelivered() {
        String partner = "browser-dlq-" + UUID.randomUUID().toString().substring(0, 8);
        String externalId = "browser-replay-" + UUID.randomUUID();
        HttpResponse<String> pushed = SignedPush.push(port, "irc-api", PUSH_SECRET, """
                {"externalId": "%s", "kind": "notice", "publishedAt": "2026-12-01T10:00:00Z",
                 "translations": {"en": {"title": "Replayed from the console", "bodyText": "Delivered."}}}
                """.formatted(externalId));
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> records("hub.notices", "irc-api:" + externalId).size() == 1);
        String replayedId = partner + ":replayed";
        send(DeadLetterFixture.archiveLetter(
                records("hub.notices", "irc-api:" + externalId).get(0), replayedId, partner, System.nanoTime()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> json(request(
                                                "GET",
                                                "/api/v1/admin/dead-letters?partner=" + partner,
                                                "admin",
                                                ADMIN_PASSWORD,
                                                null)
                                        .body())
                                .path("total")
                                .asLong()
                        == 1);
        assertThat(http("/api/v1/archive/notices/" + replayedId, true).statusCode())
                .isEqualTo(404);

        browser.get(url("/console"));
        browser.findElement(By.cssSelector(".pages a[href='/console/dead-letters']"))
                .click();
        waitUntil(ignored -> path().equals("/console/dead-letters"));
        browser.findElement(By.id("partner")).sendKeys(partner);
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        waitUntil(ignored ->
                browser.findElements(By.cssSelector("tr.dead-letter")).size() == 1);
        browser.findElement(By.cssSelector("tr.dead-letter a")).click();
        waitUntil(ignored ->
                !browser.findElements(By.cssSelector("a.action.replay")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".payload")).getText()).contains("Replayed from the console");
        confirmed(By.cssSelector("a.action.replay"));
        assertThat(browser.findElement(By.cssSelector(".letter-status")).getText())
                .isEqualTo("replayed");
        assertThat(getJson("/api/v1/archive/notices/" + replayedId)
                        .at("/notice/id")
                        .asText())
                .isEqualTo(replayedId);
    }

    @Test
    @Order(4)
    void findsANoticeInArabicAndShowsItRightToLeft() {
        String externalId = "browser-arabic-" + UUID.randomUUID();
        HttpResponse<String> pushed = SignedPush.push(port, "irc-api", PUSH_SECRET, """
                {"externalId": "%s", "kind": "service", "originalLanguage": "ar",
                 "publishedAt": "2026-12-01T10:00:00Z",
                 "translations": {
                   "ar": {"title": "دروس اللغة اليونانية للكبار", "bodyText": "تبدأ الدروس يوم الاثنين."},
                   "en": {"title": "Greek lessons for adults", "bodyText": "Lessons start on Monday."}}}
                """.formatted(externalId));
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(202);
        String id = "irc-api:" + externalId;
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http("/api/v1/archive/notices/" + id, true).statusCode() == 200);

        browser.get(url("/console"));
        browser.findElement(By.cssSelector(".pages a[href='/console/notices']")).click();
        waitUntil(ignored -> path().equals("/console/notices"));
        browser.findElement(By.id("q")).sendKeys("اليونانية");
        browser.findElement(By.id("lang")).sendKeys("ar");
        browser.findElement(By.id("partner")).sendKeys("irc-api");
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        waitUntil(ignored -> !browser.findElements(By.cssSelector("tr.found-notice[data-id='" + id + "'] a"))
                .isEmpty());
        WebElement title = browser.findElement(By.cssSelector("tr.found-notice[data-id='" + id + "'] a"));
        assertThat(title.getDomAttribute("dir")).isEqualTo("rtl");
        title.click();

        waitUntil(ignored -> !browser.findElements(By.cssSelector(".translation[data-lang=ar]"))
                .isEmpty());
        WebElement arabic = browser.findElement(By.cssSelector(".translation[data-lang=ar]"));
        assertThat(arabic.getDomAttribute("lang")).isEqualTo("ar");
        assertThat(arabic.getDomAttribute("dir")).isEqualTo("rtl");
        assertThat(arabic.findElement(By.tagName("h3")).getText()).isEqualTo("دروس اللغة اليونانية للكبار");
        // Laid out right to left by the browser, not only marked so.
        assertThat(arabic.findElement(By.tagName("h3")).getCssValue("direction"))
                .isEqualTo("rtl");
        WebElement english = browser.findElement(By.cssSelector(".translation[data-lang=en]"));
        assertThat(english.getDomAttribute("dir")).isEqualTo("ltr");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("dir"))
                .isEqualTo("ltr");
    }

    @Test
    @Order(5)
    void suspendsAndResumesARouteFromTheRoutesPage() {
        String route = "partner.offline";
        browser.get(url("/console"));
        browser.findElement(By.cssSelector(".pages a[href='/console/routes']")).click();
        waitUntil(ignored -> path().equals("/console/routes"));
        assertThat(routeState(route)).isEqualTo("Started");

        confirmed(By.cssSelector("tr[data-route='" + route + "'] a.action.suspend"));
        assertThat(routeState(route)).isEqualTo("Suspended");

        confirmed(By.cssSelector("tr[data-route='" + route + "'] a.action.resume"));
        assertThat(routeState(route)).isEqualTo("Started");
    }

    @Test
    @Order(10)
    void signsOutWithTheHeadersButton() {
        browser.get(url("/console"));
        browser.findElement(By.cssSelector(".signout button")).click();

        waitUntil(ignored -> browser.getCurrentUrl().endsWith("/login?logout"));
        browser.get(url("/console"));
        assertThat(path()).isEqualTo("/login");
    }

    /** Clicks an action, confirms it on the page that asks, and waits for the page saying it was done. */
    private static void confirmed(By action) {
        browser.findElement(action).click();
        waitUntil(ignored ->
                !browser.findElements(By.cssSelector("button.confirm-action")).isEmpty());
        browser.findElement(By.cssSelector("button.confirm-action")).click();
        waitUntil(
                ignored -> !browser.findElements(By.cssSelector(".outcome.ok")).isEmpty());
    }

    private static String routeState(String route) {
        return browser.findElement(By.cssSelector("tr[data-route='" + route + "'] .badge"))
                .getText();
    }

    private long rawRecords() {
        WebElement figure = browser.findElement(By.cssSelector("[data-step='hub.inbound.raw'] .figure"));
        String text = figure.getText().strip();
        return text.matches("\\d+") ? Long.parseLong(text) : -1;
    }

    private static String path() {
        return BROWSER.path();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        BROWSER.waitUntil(condition);
    }
}
