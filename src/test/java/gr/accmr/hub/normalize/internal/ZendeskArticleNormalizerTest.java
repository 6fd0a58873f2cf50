package gr.accmr.hub.normalize.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.notice.Translation;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZendeskArticleNormalizerTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-26T10:00:00Z");
    private static final List<String> ALL_LOCALES = List.of("en-us", "ar", "fa", "fr", "ur", "uk");

    // The two normalizers under test, whether or not Normalizer() lists them yet.
    private final Normalizer normalizer =
            new Normalizer(List.of(new ZendeskArticleNormalizer(), new RetractionNormalizer()));

    @Test
    void makesOneNoticeWithATranslationPerLocale() {
        Notice notice = draft(bundle(360001, articles(360001, ALL_LOCALES), null));

        assertThat(notice.id()).isEqualTo("refugee-info:360001");
        assertThat(notice.externalId()).isEqualTo("360001");
        assertThat(notice.originalLanguage()).isEqualTo("en");
        assertThat(notice.translations()).containsOnlyKeys("en", "ar", "fa", "fr", "ur", "uk");
        assertThat(notice.kind()).isEqualTo(Notice.Kind.NOTICE);
        assertThat(notice.status()).isEqualTo(Notice.Status.PUBLISHED);
        assertThat(notice.urgency()).isEqualTo(Notice.Urgency.NORMAL);
        assertThat(notice.version()).isZero();
        assertThat(notice.source())
                .isEqualTo(new Notice.Source(
                        "partner.refugee-info",
                        "https://refugeeinfo.zendesk.com/api/v2/help_center/articles/360001",
                        RECEIVED,
                        "hub.inbound.raw",
                        1,
                        42L));
    }

    @Test
    void writesArabicFarsiAndUrduRightToLeftAndTheOthersLeftToRight() {
        Notice notice = draft(bundle(360001, articles(360001, ALL_LOCALES), null));

        assertThat(notice.translations().get("ar").dir()).isEqualTo("rtl");
        assertThat(notice.translations().get("fa").dir()).isEqualTo("rtl");
        assertThat(notice.translations().get("ur").dir()).isEqualTo("rtl");
        assertThat(notice.translations().get("en").dir()).isEqualTo("ltr");
        assertThat(notice.translations().get("fr").dir()).isEqualTo("ltr");
        assertThat(notice.translations().get("uk").dir()).isEqualTo("ltr");
    }

    @Test
    void takesTitleUrlAndTextOfEachLocale() {
        Notice notice = draft(bundle(360001, articles(360001, ALL_LOCALES), null));

        Translation arabic = notice.translations().get("ar");
        assertThat(arabic.title()).isEqualTo("تجديد تصريح الإقامة في أثينا");
        assertThat(arabic.url())
                .isEqualTo(
                        "https://refugeeinfo.zendesk.com/hc/ar/articles/360001-Renewing-your-residence-permit-in-Athens");
        assertThat(arabic.bodyText()).startsWith("من يحتاج إلى التجديد\nإذا كان تصريح إقامتك ينتهي خلال 60 يومًا");
        assertThat(notice.translations().get("fa").title()).isEqualTo("تمدید اجازه اقامت در آتن");
        assertThat(notice.translations().get("ur").title()).isEqualTo("ایتھنز میں رہائشی اجازت نامے کی تجدید");
        assertThat(notice.translations().get("fr").title()).isEqualTo("Renouveler votre titre de séjour à Athènes");
        assertThat(notice.translations().get("uk").title()).isEqualTo("Продовження дозволу на проживання в Афінах");
        assertThat(notice.original().summary())
                .isEqualTo(notice.original().bodyText().replace('\n', ' '));
        assertThat(notice.links())
                .containsExactly(new Notice.Link(
                        "https://refugeeinfo.zendesk.com/hc/en-us/articles/360001-Renewing-your-residence-permit-in-Athens",
                        "alternate",
                        null));
        assertThat(notice.attachments()).isEmpty();
    }

    @Test
    void sanitizesTheBodyAndResolvesHelpCentreLinks() {
        Translation english =
                draft(bundle(360001, articles(360001, ALL_LOCALES), null)).original();

        assertThat(english.bodyHtml())
                .doesNotContainIgnoringCase("<script")
                .doesNotContain("onclick")
                .doesNotContain("alert")
                .contains("<strong>60 days</strong>")
                .contains("href=\"https://refugeeinfo.zendesk.com/hc/en-us/articles/360000111\"");
        assertThat(english.bodyText())
                .endsWith("Free legal help is available at the ACCMR info point, Monday to Friday.");
    }

    @Test
    void readsLabelsAsLowerCaseCategoriesAndTimesAsUtcInstants() {
        Notice notice = draft(bundle(360001, articles(360001, ALL_LOCALES), null));

        assertThat(notice.categories()).containsExactly("residence", "legal aid", "athens");
        assertThat(notice.publishedAt()).isEqualTo(Instant.parse("2026-10-01T08:00:00Z"));
        // The Ukrainian text is the most recently changed one.
        assertThat(notice.updatedAt()).isEqualTo(Instant.parse("2026-11-22T08:45:00Z"));
    }

    @Test
    void keepsAnOutdatedTranslation() {
        Notice notice = draft(bundle(360001, articles(360001, ALL_LOCALES), null));

        assertThat(fixture("360001/ur.json").path("outdated").asBoolean()).isTrue();
        assertThat(notice.translations().get("ur").bodyText()).contains("60 دنوں");
    }

    @Test
    void marksTheTranslationsZendeskMarksOutdatedAndGivesEachItsOwnTime() {
        Outcome.Draft draft = (Outcome.Draft) normalize(bundle(360001, articles(360001, ALL_LOCALES), null), "360001");

        Notice settled = TranslationMerge.settle(draft, null);

        assertThat(settled.translations().get("ur").outdated()).isTrue();
        assertThat(settled.translations().get("ar").outdated()).isNull();
        assertThat(settled.translations().get("ar").updatedAt())
                .isEqualTo(Instant.parse(
                        fixture("360001/ar.json").path("edited_at").asText()));
        assertThat(settled.translations().get("en").updatedAt())
                .isEqualTo(Instant.parse(
                        fixture("360001/en-us.json").path("edited_at").asText()));
    }

    @Test
    void leavesOutALocaleWhoseTranslationIsADraft() {
        List<JsonNode> articles = articles(360001, List.of("en-us", "ar", "fr"));
        articles.add(fixture("360001/fa-draft.json"));

        Notice notice = draft(bundle(360001, articles, null));

        assertThat(notice.translations()).containsOnlyKeys("en", "ar", "fr");
    }

    @Test
    void prefersAFresherTranslationObjectToAnOlderArticleObject() {
        ArrayNode translations = (ArrayNode)
                fixture("360001/translations.json").get("translations").deepCopy();
        ObjectNode french = (ObjectNode) translations.get(3);
        assertThat(french.get("locale").asText()).isEqualTo("fr");
        french.put("title", "Renouveler votre titre de séjour à Athènes (mis à jour)");
        french.put("updated_at", "2026-11-25T09:00:00Z");

        Notice notice = draft(bundle(360001, articles(360001, List.of("en-us", "fr")), translations));

        assertThat(notice.translations()).containsOnlyKeys("en", "ar", "fa", "fr", "ur", "uk");
        assertThat(notice.translations().get("fr").title()).endsWith("(mis à jour)");
        assertThat(notice.categories()).containsExactly("residence", "legal aid", "athens");
        assertThat(notice.updatedAt()).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
    }

    @Test
    void retractsTheArticleWhenItsSourceLocaleIsADraft() {
        Outcome outcome = normalize(bundle(360003, articles(360003, List.of("en-us", "fr")), null), "360003");

        assertThat(outcome).isEqualTo(new Outcome.Retraction(new NoticeId("refugee-info", "360003")));
    }

    @Test
    void retractsTheNoticeARetractionRecordNames() {
        Outcome outcome =
                normalizer.normalize(raw(RawHeaders.RETRACTION, "{\"externalId\":\"360002\"}".getBytes(), "360002"));

        assertThat(outcome).isEqualTo(new Outcome.Retraction(new NoticeId("refugee-info", "360002")));
    }

    @Test
    void refusesABundleFiledUnderAnotherArticlesKey() {
        byte[] bundle = bundle(360001, articles(360001, List.of("en-us")), null);

        assertThatThrownBy(() -> normalize(bundle, "360002"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("360001");
    }

    @Test
    void refusesSomethingThatIsNotABundle() {
        assertThatThrownBy(() -> normalize("<html></html>".getBytes(), "360001"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Notice draft(byte[] bundle) {
        Outcome outcome = normalize(bundle, "360001");
        assertThat(outcome).isInstanceOf(Outcome.Draft.class);
        return ((Outcome.Draft) outcome).notice();
    }

    private Outcome normalize(byte[] bundle, String externalId) {
        return normalizer.normalize(raw(RawHeaders.ZENDESK_ARTICLE, bundle, externalId));
    }

    private static RawRecord raw(String contentType, byte[] bytes, String externalId) {
        return new RawRecord(
                new NoticeId("refugee-info", externalId),
                "partner.refugee-info",
                contentType,
                RECEIVED,
                "https://refugeeinfo.zendesk.com/api/v2/help_center/articles/" + externalId,
                "en-us",
                "en",
                "notice",
                bytes,
                "hub.inbound.raw",
                1,
                42L);
    }

    /** The bundle as the Zendesk poller writes it. */
    private static byte[] bundle(long id, List<JsonNode> articles, ArrayNode translations) {
        ObjectNode bundle = NoticeJson.mapper().createObjectNode();
        bundle.put("baseUrl", "https://refugeeinfo.zendesk.com");
        bundle.put("articleId", id);
        bundle.put("sourceLocale", "en-us");
        bundle.putArray("articles").addAll(articles);
        if (translations != null) {
            bundle.set("translations", translations);
        }
        try {
            return NoticeJson.mapper().writeValueAsBytes(bundle);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> articles(long id, List<String> locales) {
        return new java.util.ArrayList<>(locales.stream()
                .map(locale -> fixture(id + "/" + locale + ".json"))
                .toList());
    }

    private static JsonNode fixture(String name) {
        try (InputStream in = ZendeskArticleNormalizerTest.class.getResourceAsStream("/zendesk/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture zendesk/" + name);
            }
            return NoticeJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
