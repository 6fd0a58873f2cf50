package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The partners page: every partner's health and who polls it, and its file from the routes folder, read only. */
class ConsolePartnersIT extends HubITSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void countsTheItemsAPartnerSentTodayBesideAllItSent() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> http("/api/v1/partners/eccar", true).statusCode() == 200
                        && partnerStatus("eccar").get("itemsSent").asLong() > 0);
        var eccar = partnerStatus("eccar");
        assertThat(eccar.get("itemsToday").asLong())
                .isEqualTo(eccar.get("itemsSent").asLong());

        // Yesterday's count is not today's: a new day starts from nothing, the total stays.
        jdbc.update("UPDATE ingest_partner_status SET items_day = items_day - 1 WHERE partner = 'eccar'");
        assertThat(partnerStatus("eccar").get("itemsToday").asLong()).isZero();
        assertThat(partnerStatus("eccar").get("itemsSent").asLong())
                .isEqualTo(eccar.get("itemsSent").asLong());
        ConsoleSession reader = new ConsoleSession(port);
        reader.signIn("reader", OPERATOR_PASSWORD);
        assertThat(reader.get("/console/partners/eccar").body()).contains("Items today");
    }

    @Test
    void showsEachPartnersHealthAndItsFile() {
        ConsoleSession reader = new ConsoleSession(port);
        reader.signIn("reader", OPERATOR_PASSWORD);
        // The partner whose server never answers has failed at least once by now.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> reader.get("/console/partners").body().contains("Connection refused"));

        HttpResponse<String> page = reader.get("/console/partners");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-partner=\"offline\"", "data-partner=\"athens\"", "rss-partner")
                .contains("href=\"/console/partners\"", "href=\"/console/partners/offline\"");

        HttpResponse<String> offline = reader.get("/console/partners/offline");
        assertThat(offline.statusCode()).isEqualTo(200);
        assertThat(offline.body())
                .contains("offline.yaml", "partner.offline", "Connection refused")
                .contains("routeTemplateRef: rss-partner", "value: http://127.0.0.1:1/feed.xml")
                // A viewer may not pause it.
                .doesNotContain("action suspend");
        assertThat(reader.get("/console/partners/no-such-partner").statusCode()).isEqualTo(404);
        assertThat(new ConsoleSession(port).get("/console/partners").statusCode())
                .isEqualTo(302);

        // An operator polls it now, or pauses it on every instance and resumes it, each after a question.
        ConsoleSession operator = new ConsoleSession(port);
        operator.signIn("operator", OPERATOR_PASSWORD);
        assertThat(operator.get("/console/partners/offline").body())
                .contains(
                        "href=\"/console/partners/offline/poll\"",
                        "href=\"/console/partners/offline/pause\"",
                        "Pause polling…");
        assertThat(reader.get("/console/partners/offline/pause").statusCode()).isEqualTo(403);
        HttpResponse<String> paused = operator.submit(
                "/console/partners/offline/pause", "/console/partners/offline/pause", java.util.Map.of());
        assertThat(paused.statusCode()).isEqualTo(302);
        String pausedPage = operator.get("/console/partners/offline").body();
        assertThat(pausedPage)
                .contains("Paused by an operator", "href=\"/console/partners/offline/resume\"")
                .doesNotContain("href=\"/console/partners/offline/poll\"");
        operator.submit("/console/partners/offline/resume", "/console/partners/offline/resume", java.util.Map.of());
        assertThat(operator.get("/console/partners/offline").body()).doesNotContain("Paused by an operator");
    }
}
