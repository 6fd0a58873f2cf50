package gr.accmr.hub.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationTest {

    @Test
    void mapsThePartnersTermsWithoutCaseOrAccentsAndKeepsTheOthers() {
        Classification classification =
                Classification.parse("ΥΓΕΙΑ=Health, asylum-procedure=asylum, internal=", null, null, null);

        Notice notice =
                classification.apply(notice(List.of("υγεία", "internal", "asylum-procedure", "athens"), "Τίτλος"));

        assertThat(notice.categories()).containsExactly("health", "asylum", "athens");
    }

    @Test
    void twoTermsOfOneCategoryGiveItOnce() {
        Notice notice = Classification.parse("υγεία=health, health care=health", null, null, null)
                .apply(notice(List.of("υγεία", "health  care"), "Τίτλος"));

        assertThat(notice.categories()).containsExactly("health");
    }

    @Test
    void theFirstListedCategoryDecidesTheKind() {
        Classification classification =
                Classification.parse("εκδηλώσεις=events", "events=event, alerts=alert", null, null);

        assertThat(classification
                        .apply(notice(List.of("εκδηλώσεις", "alerts"), "Συναυλία"))
                        .kind())
                .isEqualTo(Notice.Kind.EVENT);
        assertThat(classification.apply(notice(List.of("other"), "Συναυλία")).kind())
                .isEqualTo(Notice.Kind.NEWS);
    }

    @Test
    void urgentCategoriesAndTitleWordsMakeANoticeUrgent() {
        Classification classification = Classification.parse(null, null, "emergency", "ΕΠΕΙΓΟΝ, عاجل");

        assertThat(classification
                        .apply(notice(List.of("Emergency"), "Heatwave"))
                        .urgency())
                .isEqualTo(Notice.Urgency.URGENT);
        assertThat(classification
                        .apply(notice(List.of(), "Επείγον: κλειστό το γραφείο"))
                        .urgency())
                .isEqualTo(Notice.Urgency.URGENT);
        assertThat(classification.apply(notice(List.of(), "عاجل: إغلاق المكتب")).urgency())
                .isEqualTo(Notice.Urgency.URGENT);
        assertThat(classification
                        .apply(notice(List.of(), "Μη επείγοντα θέματα"))
                        .urgency())
                .as("only whole words count")
                .isEqualTo(Notice.Urgency.NORMAL);
    }

    @Test
    void nothingConfiguredChangesNothing() {
        Notice notice = notice(List.of("Υγεία"), "Τίτλος");

        assertThat(Classification.parse("", " ", null, "")).isSameAs(Classification.NONE);
        assertThat(Classification.NONE.apply(notice)).isSameAs(notice);
    }

    @Test
    void refusesMalformedParametersWithTheirReason() {
        assertThatThrownBy(() -> Classification.parse("health", null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("categories: 'health' is not of the form term=value");
        assertThatThrownBy(() -> Classification.parse(null, "events=party", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'party' is not one of news, notice, event");
    }

    private static Notice notice(List<String> categories, String title) {
        return new Notice(
                "athens:1",
                "athens",
                "1",
                Notice.Kind.NEWS,
                Notice.Status.PUBLISHED,
                Notice.Urgency.NORMAL,
                0,
                "",
                Instant.parse("2026-11-25T08:30:00Z"),
                null,
                null,
                null,
                "el",
                Map.of("el", new Translation(title, "", "", "", "ltr", null)),
                categories,
                null,
                List.of(),
                List.of(),
                new Notice.Source(
                        "partner.athens", null, Instant.parse("2026-11-26T10:00:00Z"), "hub.inbound.raw", 0, 1L));
    }
}
