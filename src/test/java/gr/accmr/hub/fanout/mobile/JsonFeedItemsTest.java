package gr.accmr.hub.fanout.mobile;

import static gr.accmr.hub.fanout.mobile.MobileFeedFixtures.ARABIC;
import static gr.accmr.hub.fanout.mobile.MobileFeedFixtures.ENGLISH;
import static gr.accmr.hub.fanout.mobile.MobileFeedFixtures.fallback;
import static gr.accmr.hub.fanout.mobile.MobileFeedFixtures.notice;
import static gr.accmr.hub.fanout.mobile.MobileFeedFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.notice.NoticeJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonFeedItemsTest {

    @Test
    void anItemCarriesItsLanguageDirectionAndTheHubsFields() {
        JsonNode item = stored(JsonFeedItems.item(notice(Map.of("en", ENGLISH, "ar", ARABIC)), "ar"));

        assertThat(item.get("id").asText()).isEqualTo("irc-api:irc-2026-0042");
        assertThat(item.get("language").asText()).isEqualTo("ar");
        assertThat(item.get("title").asText()).isEqualTo("مكتب اللجوء مغلق يوم الجمعة");
        assertThat(item.get("date_published").asText()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(item.get("tags").findValuesAsText("tags")).isEmpty();
        assertThat(item.at("/tags/0").asText()).isEqualTo("asylum");
        assertThat(item.at("/_accmr/dir").asText()).isEqualTo("rtl");
        assertThat(item.at("/_accmr/kind").asText()).isEqualTo("alert");
        assertThat(item.at("/_accmr/urgency").asText()).isEqualTo("urgent");
        assertThat(item.at("/_accmr/fallback").isMissingNode()).isTrue();
    }

    @Test
    void aFallbackItemIsTheOriginalLanguagesMarkedAsSuch() {
        JsonNode item = fallback(notice(Map.of("en", ENGLISH, "ar", ARABIC)));

        assertThat(item.get("language").asText()).isEqualTo("ar");
        assertThat(item.get("title").asText()).isEqualTo(ARABIC.title());
        assertThat(item.at("/_accmr/dir").asText()).isEqualTo("rtl");
        assertThat(item.at("/_accmr/fallback").asBoolean()).isTrue();
    }

    @Test
    void aFallbackItemTakesAnyTranslationWhenTheOriginalLanguageIsMissing() {
        JsonNode item = fallback(notice(Map.of("en", ENGLISH)));

        assertThat(item.get("language").asText()).isEqualTo("en");
        assertThat(item.at("/_accmr/dir").asText()).isEqualTo("ltr");
    }

    @Test
    void aPageLinksTheNextOneOnlyWhenThereIsOne() {
        List<JsonNode> items = List.of(stored(JsonFeedItems.item(notice(Map.of("ar", ARABIC)), "ar")));

        JsonNode middle = NoticeJson.mapper()
                .valueToTree(JsonFeedItems.feed(
                        "ar",
                        "https://hub.example.org/feeds/ar.json",
                        "https://hub.example.org/feeds/ar.json?cursor=x",
                        items));
        JsonNode last = NoticeJson.mapper()
                .valueToTree(JsonFeedItems.feed("ar", "https://hub.example.org/feeds/ar.json", null, items));

        assertThat(middle.get("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(middle.get("feed_url").asText()).isEqualTo("https://hub.example.org/feeds/ar.json");
        assertThat(middle.get("next_url").asText()).isEqualTo("https://hub.example.org/feeds/ar.json?cursor=x");
        assertThat(middle.at("/_accmr/dir").asText()).isEqualTo("rtl");
        assertThat(middle.get("items")).hasSize(1);
        assertThat(last.has("next_url")).isFalse();
    }

    @Test
    void aCursorReadsBackWhatItWasMadeOf() {
        FeedQuery.Cursor cursor = new FeedQuery.Cursor(Instant.parse("2026-11-26T10:00:00.123456Z"), "irc-api:a b~c");

        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
        assertThat(FeedQuery.Cursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void filtersThatMeanTheSameAreEqual() {
        assertThat(new FeedQuery.Filters(List.of("irc", "athens", "irc"), List.of(), List.of(" health"), List.of()))
                .isEqualTo(new FeedQuery.Filters(List.of("athens", "irc"), List.of(), List.of("health"), List.of()));
    }
}
