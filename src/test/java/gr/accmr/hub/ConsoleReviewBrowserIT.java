package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * An editor's review in a real browser, in Greek: the queue, a held notice with its Arabic
 * translation laid out right to left, its English title edited and approved, and the city's feed
 * showing the editor's title; and in English: a held notice rejected with a reason, never shown.
 */
class ConsoleReviewBrowserIT extends HubITSupport {

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

    /** Each scenario signs in afresh: the session of the one before is forgotten. */
    @BeforeEach
    void forgetTheSession() {
        browser.get("http://localhost:" + port + "/login");
        browser.manage().deleteAllCookies();
    }

    @Test
    void editsAHeldNoticesEnglishTitleInGreekAndApprovesIt() {
        String externalId = "browser-review-" + UUID.randomUUID();
        String id = "desk:" + externalId;
        HttpResponse<String> pushed = SignedPush.push(port, "desk", PUSH_SECRET, """
                {"externalId": "%s", "kind": "notice", "originalLanguage": "ar",
                 "publishedAt": "2026-12-01T10:00:00Z",
                 "translations": {
                   "ar": {"title": "توزيع الطعام يوم السبت", "bodyText": "في الساعة العاشرة."},
                   "en": {"title": "FOOD DISTRIBUTION!!!", "bodyText": "At ten."}}}
                """.formatted(externalId));
        assertThat(pushed.statusCode()).as(pushed.body()).isIn(200, 202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http("/api/v1/admin/review/" + id, true).statusCode() == 200);

        BROWSER.signIn(port, "editor", OPERATOR_PASSWORD);
        browser.findElement(By.cssSelector(".languages a[lang=el]")).click();
        BROWSER.waitUntil(
                ignored -> "el".equals(browser.findElement(By.tagName("html")).getDomAttribute("lang")));
        browser.findElement(By.cssSelector(".pages a[href='/console/review']")).click();
        BROWSER.waitUntil(ignored -> BROWSER.path().equals("/console/review"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Έλεγχος");

        browser.findElement(By.cssSelector("tr.held-notice[data-id='" + id + "'] a"))
                .click();
        BROWSER.waitUntil(ignored -> !browser.findElements(By.cssSelector(".translation[data-lang=ar]"))
                .isEmpty());
        WebElement arabic = browser.findElement(By.cssSelector(".translation[data-lang=ar]"));
        assertThat(arabic.getDomAttribute("lang")).isEqualTo("ar");
        assertThat(arabic.getDomAttribute("dir")).isEqualTo("rtl");
        assertThat(arabic.findElement(By.tagName("h3")).getCssValue("direction"))
                .isEqualTo("rtl");
        assertThat(browser.findElement(By.cssSelector(".review-state")).getText())
                .isEqualTo("περιμένει έλεγχο");

        browser.findElement(By.cssSelector("a.action.edit")).click();
        BROWSER.waitUntil(ignored -> !browser.findElements(By.id("title-en")).isEmpty());
        assertThat(browser.findElement(By.id("title-ar")).getDomAttribute("dir"))
                .isEqualTo("rtl");
        WebElement title = browser.findElement(By.id("title-en"));
        title.clear();
        title.sendKeys("Food distribution on Saturday");
        browser.findElement(By.cssSelector("button.approve-action")).click();

        BROWSER.waitUntil(
                ignored -> !browser.findElements(By.cssSelector(".outcome.ok")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".outcome.ok")).getText()).contains("εγκρίθηκε");
        assertThat(browser.findElement(By.cssSelector(".review-state")).getText())
                .isEqualTo("εγκρίθηκε");
        await().atMost(Duration.ofSeconds(30)).until(() -> !feedTitle(id).isEmpty());
        assertThat(feedTitle(id)).isEqualTo("Food distribution on Saturday");
    }

    @Test
    void rejectsAHeldNoticeInEnglishWithAReason() {
        String externalId = "browser-reject-" + UUID.randomUUID();
        String id = "desk:" + externalId;
        HttpResponse<String> pushed = SignedPush.push(port, "desk", PUSH_SECRET, """
                {"externalId": "%s", "kind": "notice", "publishedAt": "2026-12-01T10:00:00Z",
                 "translations": {"en": {"title": "Unverified rumour", "bodyText": "Not confirmed."}}}
                """.formatted(externalId));
        assertThat(pushed.statusCode()).as(pushed.body()).isIn(200, 202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http("/api/v1/admin/review/" + id, true).statusCode() == 200);

        BROWSER.signIn(port, "editor", OPERATOR_PASSWORD);
        browser.findElement(By.cssSelector(".languages a[lang=en]")).click();
        BROWSER.waitUntil(
                ignored -> "en".equals(browser.findElement(By.tagName("html")).getDomAttribute("lang")));
        browser.findElement(By.cssSelector(".pages a[href='/console/review']")).click();
        BROWSER.waitUntil(ignored -> BROWSER.path().equals("/console/review"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Review");

        browser.findElement(By.cssSelector("tr.held-notice[data-id='" + id + "'] a"))
                .click();
        BROWSER.waitUntil(ignored -> !browser.findElements(By.id("reason")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".review-state")).getText())
                .isEqualTo("awaiting review");
        browser.findElement(By.id("reason")).sendKeys("not confirmed by the partner");
        browser.findElement(By.cssSelector("button.reject-action")).click();

        BROWSER.waitUntil(
                ignored -> !browser.findElements(By.cssSelector(".outcome.ok")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".review-state")).getText())
                .isEqualTo("rejected");
        assertThat(browser.getPageSource()).contains("not confirmed by the partner");
        assertThat(feedTitle(id)).isEmpty();
    }

    /** The notice's title in the English feed; empty while the feed does not have it. */
    private String feedTitle(String id) {
        StringBuilder title = new StringBuilder();
        json(http("/feeds/en.json?partner=desk&limit=200", false).body())
                .get("items")
                .forEach(item -> {
                    if (item.get("id").asText().equals(id)) {
                        title.append(item.get("title").asText());
                    }
                });
        return title.toString();
    }
}
