package gr.accmr.hub.normalize.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.notice.Translation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectusServiceNormalizerTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-26T10:00:00Z");

    private final DirectusServiceNormalizer normalizer = new DirectusServiceNormalizer();

    @Test
    void makesTheLegalAidItemAServiceNoticeInEveryLanguageItHas() throws Exception {
        Notice notice = draft("legal-aid.json");

        assertThat(notice.id()).isEqualTo("refugee-info:1201");
        assertThat(notice.kind()).isEqualTo(Notice.Kind.SERVICE);
        assertThat(notice.status()).isEqualTo(Notice.Status.PUBLISHED);
        assertThat(notice.originalLanguage()).isEqualTo("en");
        assertThat(notice.translations()).containsOnlyKeys("en", "ar", "fa", "ur", "uk", "fr", "el");
        assertThat(notice.original().title()).isEqualTo("Free legal aid for asylum seekers");
        assertThat(notice.translations().get("ar").title()).isEqualTo("مساعدة قانونية مجانية لطالبي اللجوء");
        assertThat(notice.translations().get("uk").title())
                .isEqualTo("Безкоштовна правова допомога для шукачів притулку");
    }

    @Test
    void writesArabicFarsiAndUrduRightToLeftAndTheOthersLeftToRight() throws Exception {
        Notice notice = draft("legal-aid.json");

        assertThat(notice.translations().get("ar").dir()).isEqualTo("rtl");
        assertThat(notice.translations().get("fa").dir()).isEqualTo("rtl");
        assertThat(notice.translations().get("ur").dir()).isEqualTo("rtl");
        assertThat(notice.translations().get("uk").dir()).isEqualTo("ltr");
        assertThat(notice.translations().get("el").dir()).isEqualTo("ltr");
        assertThat(notice.translations().get("en").dir()).isEqualTo("ltr");
    }

    @Test
    void takesTheLocationFromTheGeoJsonPointLongitudeFirstWithTheAddress() throws Exception {
        Notice notice = draft("legal-aid.json");

        assertThat(notice.location())
                .isEqualTo(new Notice.Location(Notice.GeoPoint.of(23.7352, 37.9836), "Solonos 118, 106 81 Athens"));
    }

    @Test
    void sanitizesTheDescriptionAndResolvesItsRelativeLinksAgainstTheServicePage() throws Exception {
        Translation english = draft("legal-aid.json").original();

        assertThat(english.bodyHtml())
                .contains("<strong>free</strong>")
                .contains("href=\"https://www.refugee.info/greece/services/1201/documents\"")
                .doesNotContain("<script", "onclick", "alert");
        assertThat(english.summary())
                .isEqualTo("Lawyers give free advice on asylum applications, appeals and family reunification."
                        + " Bring your asylum card. What to bring");
        assertThat(english.url()).isEqualTo("https://www.refugee.info/greece/services/1201");
    }

    @Test
    void appendsOpeningHoursAndContactsWithPhoneAndEmailLinks() throws Exception {
        Translation english = draft("legal-aid.json").original();

        assertThat(english.bodyHtml())
                .contains("<dl>")
                .contains("<dt>Opening hours</dt><dd>Monday–Thursday: 09:00–15:00</dd><dd>Friday: 09:00–13:00</dd>")
                .contains("<dt>Address</dt><dd>Solonos 118, 106 81 Athens</dd>");
        assertThat(hrefs(english, "tel:")).containsExactly("tel:+302100001201");
        assertThat(hrefs(english, "mailto:")).containsExactly("mailto:legal-aid@example.org");
        assertThat(english.bodyText())
                .contains("Opening hours\nMonday–Thursday: 09:00–15:00")
                .contains("Phone\n+30 210 000 1201")
                .contains("Whatsapp\n+30 690 000 1201");
    }

    @Test
    void labelsTheAppendedDetailsInTheLanguageOfTheTranslation() throws Exception {
        Notice notice = draft("legal-aid.json");

        assertThat(notice.translations().get("ar").bodyHtml())
                .contains("<dt>ساعات العمل</dt>")
                .contains("<dt>الهاتف</dt>");
        assertThat(notice.translations().get("el").bodyHtml()).contains("<dt>Ωράριο λειτουργίας</dt>");
    }

    @Test
    void readsFreeTextOpeningHoursAndPlainContactFields() throws Exception {
        Translation english = draft("health-clinic.json").original();

        assertThat(english.bodyHtml())
                .contains("<dd>Monday–Friday 08:30–14:30</dd><dd>Wednesday also 17:00–20:00</dd>");
        assertThat(hrefs(english, "tel:")).containsExactly("tel:+302100001202");
        assertThat(hrefs(english, "mailto:")).containsExactly("mailto:kypseli@clinic.example.org");
        assertThat(english.url()).isEqualTo("https://clinic.example.org/kypseli");
    }

    @Test
    void lowerCasesCategoriesFromStringsAndFromJunctionRows() throws Exception {
        assertThat(draft("legal-aid.json").categories()).containsExactly("legal", "asylum");
        assertThat(draft("health-clinic.json").categories()).containsExactly("health", "children");
    }

    @Test
    void takesPublishedFromDateCreatedAndUpdatedFromDateUpdated() throws Exception {
        Notice legalAid = draft("legal-aid.json");
        assertThat(legalAid.publishedAt()).isEqualTo(Instant.parse("2026-10-01T08:00:00Z"));
        assertThat(legalAid.updatedAt()).isEqualTo(Instant.parse("2026-11-20T09:15:00Z"));

        Notice neverUpdated = draft("health-clinic.json");
        assertThat(neverUpdated.publishedAt()).isEqualTo(Instant.parse("2026-11-02T10:30:00Z"));
        assertThat(neverUpdated.updatedAt()).isEqualTo(neverUpdated.publishedAt());
    }

    @Test
    void readsDateTimesWithoutAnOffsetAsUtc() throws Exception {
        ObjectNode item = fixture("health-clinic.json");
        item.put("date_created", "2026-11-02T12:30:00");

        assertThat(draft(item).publishedAt()).isEqualTo(Instant.parse("2026-11-02T12:30:00Z"));
    }

    @Test
    void linksTheServicePage() throws Exception {
        assertThat(draft("legal-aid.json").links())
                .containsExactly(new Notice.Link("https://www.refugee.info/greece/services/1201", "alternate", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[183.2, 37.98]", "[23.73, -91.0]", "[\"23.73\", \"37.98\"]", "[23.73]"})
    void keepsTheAddressButDropsAPointThatIsNoCoordinate(String coordinates) throws Exception {
        ObjectNode item = fixture("health-clinic.json");
        ((ObjectNode) item.get("location"))
                .set("coordinates", NoticeJson.mapper().readTree(coordinates));

        assertThat(draft(item).location()).isEqualTo(new Notice.Location(null, "Fokionos Negri 45, 113 61 Athens"));
    }

    @Test
    void usesTheTranslationEntryOverTheItemsOwnFieldsForTheDefaultLanguage() throws Exception {
        ObjectNode item = fixture("legal-aid.json");
        ((ArrayNode) item.get("translations"))
                .addObject()
                .put("name", "Legal aid (edited translation)")
                .putObject("languages_id")
                .put("code", "en-US");

        assertThat(draft(item).original().title()).isEqualTo("Legal aid (edited translation)");
    }

    @Test
    void fallsBackToATranslationAsOriginalWhenTheItemHasNoNameOfItsOwn() throws Exception {
        ObjectNode item = fixture("health-clinic.json");
        item.remove(List.of("name", "description"));

        Notice notice = draft(item);

        assertThat(notice.translations()).doesNotContainKey("en");
        assertThat(notice.originalLanguage()).isEqualTo("ar");
    }

    @Test
    void rejectsTheMalformedItemThatHasNoNameInAnyLanguage() {
        assertThatThrownBy(() -> normalizer.normalize(raw(resource("malformed-item.json"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no name");
    }

    @Test
    void rejectsBytesThatAreNoJsonObject() {
        assertThatThrownBy(() -> normalizer.normalize(raw("[1, 2]".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> normalizer.normalize(raw("{\"id\": 1, ".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a readable Directus item");
    }

    @Test
    void retractsAnItemThatIsNoLongerPublished() throws Exception {
        ObjectNode item = fixture("legal-aid.json");
        item.put("status", "archived");

        Outcome outcome = normalizer.normalize(raw(NoticeJson.mapper().writeValueAsBytes(item)));

        assertThat(outcome).isEqualTo(new Outcome.Retraction(new NoticeId("refugee-info", "1201")));
    }

    @Test
    void makesNoticesThatMatchThePublishedSchema() throws Exception {
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(Path.of("docs", "schemas", "notice.schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, config);
        }
        for (String fixture : List.of("legal-aid.json", "health-clinic.json")) {
            Notice draft = draft(fixture);
            Notice notice = draft.withVersion(1, ContentHash.of(draft));

            assertThat(schema.validate(NoticeJson.mapper().readTree(NoticeJson.write(notice))))
                    .as(fixture)
                    .isEmpty();
        }
    }

    /** Links as a browser reads them: the sanitizer writes '+' and '@' as character references. */
    private static List<String> hrefs(Translation translation, String scheme) {
        return Jsoup.parseBodyFragment(translation.bodyHtml())
                .select("a[href^=" + scheme + "]")
                .eachAttr("href");
    }

    private Notice draft(String fixture) throws IOException {
        return draft(fixture(fixture));
    }

    private Notice draft(JsonNode item) throws IOException {
        Outcome outcome = normalizer.normalize(raw(NoticeJson.mapper().writeValueAsBytes(item)));
        assertThat(outcome).isInstanceOf(Outcome.Draft.class);
        return ((Outcome.Draft) outcome).notice();
    }

    private static RawRecord raw(byte[] bytes) {
        String id = "0";
        try {
            if (NoticeJson.mapper().readTree(bytes) instanceof ObjectNode item && item.has("id")) {
                id = item.get("id").asText();
            }
        } catch (IOException unreadable) {
            // The normalizer must say so itself; the record keeps a placeholder key.
        }
        return new RawRecord(
                new NoticeId("refugee-info", id),
                "partner.refugee-info-services",
                RawHeaders.DIRECTUS_ITEM,
                RECEIVED,
                "https://cms.example.org/items/services/" + id,
                null,
                "en",
                "service",
                bytes,
                "hub.inbound.raw",
                1,
                42L);
    }

    static ObjectNode fixture(String name) throws IOException {
        return (ObjectNode) NoticeJson.mapper().readTree(resource(name));
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = DirectusServiceNormalizerTest.class.getResourceAsStream("/directus/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture directus/" + name);
            }
            return in.readAllBytes();
        }
    }
}
