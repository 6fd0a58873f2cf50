package gr.accmr.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.Translation;
import gr.accmr.hub.review.Editing;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The review form posts every translation's title and summary; only what the editor changed is an edit. */
class ReviewEditsTest {

    private static final Notice NOTICE = notice(Map.of(
            "en", new Translation("Centre closed", "Line one\nline two", "", "Text.", "ltr", null),
            "ar", new Translation("المركز مغلق", "", "", "نص.", "rtl", null)));

    @Test
    void sendsNoEditWhenTheFormKeepsThePartnersText() {
        Map<String, Editing.Edit> edits = ReviewPageController.edits(
                NOTICE,
                Map.of(
                        "version", "1",
                        "title.en", "Centre closed",
                        // A browser posts a text area's line breaks as CRLF.
                        "summary.en", "Line one\r\nline two ",
                        "title.ar", "المركز مغلق",
                        "summary.ar", ""));

        assertThat(edits).isEmpty();
    }

    @Test
    void sendsOnlyTheFieldsTheEditorChanged() {
        Map<String, Editing.Edit> edits = ReviewPageController.edits(
                NOTICE,
                Map.of(
                        "title.en", "Centre closed on Monday",
                        "summary.en", "Line one line two",
                        "title.ar", "المركز مغلق",
                        "summary.ar", "يوم الاثنين"));

        assertThat(edits)
                .containsOnly(
                        Map.entry("en", new Editing.Edit("Centre closed on Monday", null)),
                        Map.entry("ar", new Editing.Edit(null, "يوم الاثنين")));
    }

    private static Notice notice(Map<String, Translation> translations) {
        return new Notice(
                "desk:1",
                "desk",
                "1",
                Notice.Kind.NOTICE,
                Notice.Status.PUBLISHED,
                Notice.Urgency.NORMAL,
                1,
                "sha256:" + "0".repeat(64),
                Instant.parse("2026-11-23T09:00:00Z"),
                Instant.parse("2026-11-25T09:00:00Z"),
                null,
                null,
                "en",
                translations,
                List.of(),
                null,
                List.of(),
                List.of(),
                new Notice.Source("push.desk", null, Instant.parse("2026-11-25T09:00:01Z"), "hub.inbound.raw", 0, 7L));
    }
}
