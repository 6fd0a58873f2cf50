package gr.accmr.hub.fanout.website;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.Translation;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Notices and adapter settings for the WordPress tests; every notice id is new, so runs never meet. */
final class WordPressFixtures {

    static final Translation ENGLISH = new Translation(
            "Asylum office closed on Friday",
            "Closed on Friday.",
            "<p>Closed on <b>Friday</b>. Ask <a href=\"mailto:info@example.org\" rel=\"noopener nofollow\">us</a>"
                    + " or see <a href=\"https://www.refugee.info/greece/\" rel=\"noopener nofollow\">Refugee.Info</a>.</p>",
            "Closed on Friday.",
            "ltr",
            "https://www.refugee.info/greece/asylum-office");
    static final Translation GREEK = new Translation(
            "Κλειστό το γραφείο ασύλου την Παρασκευή",
            "Κλειστό την Παρασκευή.",
            "<p>Κλειστό την <b>Παρασκευή</b>.</p>",
            "Κλειστό την Παρασκευή.",
            "ltr",
            null);
    static final Translation ARABIC = new Translation(
            "مكتب اللجوء مغلق يوم الجمعة",
            "مغلق يوم الجمعة.",
            "<p>مغلق يوم الجمعة.</p>",
            "مغلق يوم الجمعة.",
            "rtl",
            null);

    private WordPressFixtures() {}

    static String newExternalId() {
        return "wp-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Notice notice(String externalId, int version, Map<String, Translation> translations) {
        return notice(externalId, version, translations, Notice.Status.PUBLISHED, null);
    }

    static Notice notice(
            String externalId,
            int version,
            Map<String, Translation> translations,
            Notice.Status status,
            @Nullable Instant expiresAt) {
        return new Notice(
                "irc-api:" + externalId,
                "irc-api",
                externalId,
                Notice.Kind.NOTICE,
                status,
                Notice.Urgency.URGENT,
                version,
                "hash-" + version,
                Instant.parse("2026-11-26T10:00:00Z"),
                Instant.parse("2026-11-27T08:30:00Z"),
                null,
                expiresAt,
                "en",
                new LinkedHashMap<>(translations),
                List.of("Asylum", "Food & shelter"),
                null,
                List.of(),
                List.of(),
                new Notice.Source(
                        "partner.irc-api", null, Instant.parse("2026-11-26T10:01:00Z"), "hub.inbound.raw", 0, 7));
    }

    static WebsiteProperties.WordPress settings(
            String url, String username, String password, WebsiteProperties.Removal removal, boolean polylang) {
        return new WebsiteProperties.WordPress(
                url,
                username,
                password,
                removal,
                polylang,
                Duration.ofSeconds(5),
                2,
                Duration.ofMinutes(10),
                Duration.ofMinutes(2));
    }
}
