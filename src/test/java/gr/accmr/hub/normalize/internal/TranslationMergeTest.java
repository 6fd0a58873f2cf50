package gr.accmr.hub.normalize.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.Translation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class TranslationMergeTest {

    private static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-11-24T09:00:00Z");
    private static final Instant WEDNESDAY = Instant.parse("2026-11-25T09:00:00Z");

    private static final Translation ENGLISH = text("en", "Cash assistance: new dates", null);
    private static final Translation ARABIC = text("ar", "المساعدة النقدية: مواعيد جديدة", null);
    private static final Translation FARSI = text("fa", "کمک نقدی: تاریخ‌های جدید", null);

    @Test
    void aPartialDraftAddsItsLanguageAndKeepsTheOthers() {
        Notice first = published(TranslationMerge.settle(complete(MONDAY, Map.of("en", ENGLISH)), null));

        Notice merged = TranslationMerge.settle(partial(TUESDAY, "ar", Map.of("ar", ARABIC)), first);

        assertThat(merged.translations()).containsOnlyKeys("en", "ar");
        assertThat(merged.originalLanguage()).isEqualTo("en");
        assertThat(merged.translations().get("en").updatedAt()).isEqualTo(MONDAY);
        assertThat(merged.translations().get("ar").updatedAt()).isEqualTo(TUESDAY);
        assertThat(merged.translations().get("ar").outdated()).isNull();
    }

    @Test
    void aTranslationOlderThanTheOriginalTextIsOutdated() {
        Notice both = published(TranslationMerge.settle(
                partial(TUESDAY, "ar", Map.of("ar", ARABIC)),
                published(TranslationMerge.settle(complete(MONDAY, Map.of("en", ENGLISH)), null))));

        Notice edited = TranslationMerge.settle(
                partial(WEDNESDAY, "en", Map.of("en", text("en", "Cash assistance: dates moved", null))), both);

        assertThat(edited.translations().get("ar").outdated()).isTrue();
        assertThat(edited.translations().get("en").outdated()).isNull();
    }

    @Test
    void resendingTheSameTextKeepsItsTimeSoTheOthersStayCurrent() {
        Notice both = published(TranslationMerge.settle(
                partial(TUESDAY, "ar", Map.of("ar", ARABIC)),
                published(TranslationMerge.settle(complete(MONDAY, Map.of("en", ENGLISH)), null))));

        Notice resent = TranslationMerge.settle(partial(WEDNESDAY, "en", Map.of("en", ENGLISH)), both);

        assertThat(resent.translations().get("en").updatedAt()).isEqualTo(MONDAY);
        assertThat(resent.translations().get("ar").outdated()).isNull();
    }

    @Test
    void theSourcesOwnOutdatedMarkWinsOverTheTimes() {
        Notice notice = TranslationMerge.settle(
                complete(
                        WEDNESDAY,
                        Map.of(
                                "en", ENGLISH.withUpdatedAt(WEDNESDAY),
                                "ar", ARABIC.withUpdatedAt(MONDAY).withOutdated(false),
                                "fa", FARSI.withUpdatedAt(WEDNESDAY).withOutdated(true))),
                null);

        assertThat(notice.translations().get("ar").outdated()).isNull();
        assertThat(notice.translations().get("fa").outdated()).isTrue();
    }

    @Test
    void aPartialDraftWithdrawsTheLanguagesItNamesAndCannotEmptyTheNotice() {
        Notice both = published(TranslationMerge.settle(complete(MONDAY, Map.of("en", ENGLISH, "ar", ARABIC)), null));

        Notice withoutArabic =
                TranslationMerge.settle(new Outcome.Draft(draft(TUESDAY, "en", Map.of()), true, Set.of("ar")), both);

        assertThat(withoutArabic.translations()).containsOnlyKeys("en");
        assertThatThrownBy(() -> TranslationMerge.settle(
                        new Outcome.Draft(draft(TUESDAY, "en", Map.of()), true, Set.of("ar", "en")), both))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without any translation");
    }

    @Test
    void aCompleteDraftReplacesTheTranslations() {
        Notice both = published(TranslationMerge.settle(complete(MONDAY, Map.of("en", ENGLISH, "ar", ARABIC)), null));

        Notice replaced = TranslationMerge.settle(complete(TUESDAY, Map.of("en", ENGLISH, "fa", FARSI)), both);

        assertThat(replaced.translations()).containsOnlyKeys("en", "fa");
    }

    @Test
    void aPartialDraftKeepsThePublicationDateAndLinksItDoesNotCarry() {
        Notice first = published(TranslationMerge.settle(complete(MONDAY, Map.of("en", ENGLISH)), null));

        Notice merged = TranslationMerge.settle(
                new Outcome.Draft(
                        new Notice(
                                first.id(),
                                first.partner(),
                                first.externalId(),
                                first.kind(),
                                Notice.Status.PUBLISHED,
                                first.urgency(),
                                0,
                                "",
                                null,
                                TUESDAY,
                                null,
                                null,
                                "ar",
                                Map.of("ar", ARABIC),
                                List.of(),
                                null,
                                List.of(),
                                List.of(),
                                first.source()),
                        true,
                        Set.of()),
                first);

        assertThat(merged.publishedAt()).isEqualTo(MONDAY);
        assertThat(merged.links()).isEqualTo(first.links());
    }

    @Test
    void aRetractedNoticeIsNotMergedInto() {
        Notice retracted = published(TranslationMerge.settle(complete(MONDAY, Map.of("en", ENGLISH)), null))
                .retracted();

        Notice revived = TranslationMerge.settle(partial(TUESDAY, "ar", Map.of("ar", ARABIC)), retracted);

        assertThat(revived.translations()).containsOnlyKeys("ar");
        assertThat(revived.originalLanguage()).isEqualTo("ar");
    }

    private static Notice published(Notice settled) {
        return settled.withVersion(1, ContentHash.of(settled));
    }

    private static Outcome.Draft complete(Instant time, Map<String, Translation> translations) {
        return new Outcome.Draft(draft(time, "en", translations));
    }

    private static Outcome.Draft partial(Instant time, String original, Map<String, Translation> translations) {
        return new Outcome.Draft(draft(time, original, translations), true, Set.of());
    }

    private static Notice draft(Instant time, String original, Map<String, Translation> translations) {
        return new Notice(
                "irc-api:cash-2026-11",
                "irc-api",
                "cash-2026-11",
                Notice.Kind.NOTICE,
                Notice.Status.PUBLISHED,
                Notice.Urgency.NORMAL,
                0,
                "",
                MONDAY,
                time,
                null,
                null,
                original,
                translations,
                List.of(),
                null,
                List.of(new Notice.Link("https://www.refugee.info/greece/cash", "alternate", null)),
                List.of(),
                new Notice.Source("push", null, time, "hub.inbound.raw", 0, 1L));
    }

    private static Translation text(String language, String title, @Nullable String url) {
        return new Translation(title, title, "<p>" + title + "</p>", title, Languages.direction(language), url);
    }
}
