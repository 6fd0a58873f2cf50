package gr.accmr.hub.fanout.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.Translation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Notices and stored items for the rendering tests. */
final class MobileFeedFixtures {

    static final Translation ENGLISH = new Translation(
            "Asylum office closed on Friday",
            "Closed on Friday.",
            "<p>Closed on <b>Friday</b>.</p>",
            "Closed on Friday.",
            "ltr",
            "https://www.refugee.info/greece/asylum-office");
    static final Translation ARABIC = new Translation(
            "مكتب اللجوء مغلق يوم الجمعة", "", "<p>مغلق يوم الجمعة.</p>", "مغلق يوم الجمعة.", "rtl", null);

    private MobileFeedFixtures() {}

    static Notice notice(Map<String, Translation> translations) {
        return new Notice(
                "irc-api:irc-2026-0042",
                "irc-api",
                "irc-2026-0042",
                Notice.Kind.ALERT,
                Notice.Status.PUBLISHED,
                Notice.Urgency.URGENT,
                2,
                "hash",
                Instant.parse("2026-11-26T10:00:00Z"),
                Instant.parse("2026-11-27T08:30:00Z"),
                null,
                null,
                "ar",
                translations,
                List.of("asylum", "services"),
                null,
                List.of(),
                List.of(),
                new Notice.Source(
                        "partner.irc-api", null, Instant.parse("2026-11-26T10:01:00Z"), "hub.inbound.raw", 0, 7));
    }

    /** An item as the store keeps it and reads it back. */
    static JsonNode stored(Map<String, Object> item) {
        return NoticeJson.mapper().valueToTree(item);
    }

    /** The item a feed shows for {@code notice} in a language it has no translation in. */
    static JsonNode fallback(Notice notice) {
        return JsonFeedItems.asFallback(stored(JsonFeedItems.item(notice, JsonFeedItems.fallbackLanguage(notice))));
    }
}
