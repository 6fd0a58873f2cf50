package gr.accmr.hub.normalize.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.notice.Translation;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class EmailNewsletterNormalizerTest {

    private static final Instant RECEIVED = Instant.parse("2026-03-03T08:00:00Z");

    private final Normalizer normalizer = new Normalizer();

    @Test
    void makesTheSubjectTheTitleDecodingItsRfc2047Words() throws Exception {
        byte[] bytes = Newsletters.bytes(Newsletters.greekAlternative());
        assertThat(new String(bytes, StandardCharsets.US_ASCII)).contains("Subject: =?UTF-8?");

        Notice notice = normalize(bytes, null, "en");

        assertThat(notice.original().title()).isEqualTo(Newsletters.GREEK_SUBJECT);
    }

    @Test
    void makesOneNoticeWithATranslationPerLanguageOfAMultilingualNewsletter() throws Exception {
        Notice notice = normalize(Newsletters.bytes(Newsletters.greekAndArabicMultilingual()), null, "en");

        assertThat(notice.translations()).containsOnlyKeys("el", "ar");
        assertThat(notice.originalLanguage()).isEqualTo("el");
        assertThat(notice.translations().get("el").title()).isEqualTo(Newsletters.GREEK_SUBJECT);
        assertThat(notice.translations().get("el").bodyHtml()).contains("<strong>δωρεάν</strong>");
        assertThat(notice.translations().get("ar").title()).isEqualTo(Newsletters.ARABIC_SUBJECT);
        assertThat(notice.translations().get("ar").dir()).isEqualTo("rtl");
        assertThat(notice.translations().get("ar").languageSource()).isEqualTo(Translation.DECLARED);
        assertThat(notice.original().bodyText()).doesNotContain("This message is in Greek and Arabic");
    }

    @Test
    void makesANewsletterNoticeIdentifiedByTheRecordKey() throws Exception {
        Notice notice = normalize(Newsletters.bytes(Newsletters.greekAlternative()), null, "en");

        assertThat(notice.id()).isEqualTo("cities-network:2026-03.el@cities-network.gr");
        assertThat(notice.kind()).isEqualTo(Notice.Kind.NEWSLETTER);
        assertThat(notice.status()).isEqualTo(Notice.Status.PUBLISHED);
        assertThat(notice.links()).isEmpty();
        assertThat(notice.source())
                .isEqualTo(new Notice.Source("partner.cities-network", null, RECEIVED, "hub.inbound.raw", 1, 42L));
    }

    @Test
    void prefersTheSanitizedHtmlPartOfAnAlternative() throws Exception {
        Translation greek = normalize(Newsletters.bytes(Newsletters.greekAlternative()), null, "en")
                .original();

        assertThat(greek.bodyHtml())
                .contains("<strong>δωρεάν</strong>")
                .contains("<h2>Δωρεάν μαθήματα ελληνικών</h2>")
                .contains("href=\"https://www.cityofathens.gr/kentra\"")
                .doesNotContain("<script", "alert", "onclick", "cid:", "color: #333", "Δελτίο Μαρτίου");
        assertThat(greek.bodyText()).startsWith("Δωρεάν μαθήματα ελληνικών\nΞεκινούν οι εγγραφές");
        assertThat(greek.summary()).isEqualTo(greek.bodyText().replace('\n', ' '));
    }

    @Test
    void detectsGreekWhenTheMessageDeclaresNoLanguage() throws Exception {
        Notice notice = normalize(Newsletters.bytes(Newsletters.greekAlternative()), null, "en");

        assertThat(notice.originalLanguage()).isEqualTo("el");
        assertThat(notice.translations()).containsOnlyKeys("el");
        assertThat(notice.original().dir()).isEqualTo("ltr");
    }

    @Test
    void takesTheContentLanguageHeaderOfTheMessage() throws Exception {
        Notice notice = normalize(Newsletters.bytes(Newsletters.arabicDeclared()), null, "en");

        assertThat(notice.originalLanguage()).isEqualTo("ar");
        assertThat(notice.original().dir()).isEqualTo("rtl");
        assertThat(notice.original().title()).isEqualTo(Newsletters.ARABIC_SUBJECT);
    }

    @Test
    void prefersTheLanguageIngestRecordedOverDetection() throws Exception {
        Notice notice = normalize(Newsletters.bytes(Newsletters.frenchTextOnly()), "fr-BE", "en");

        assertThat(notice.originalLanguage()).isEqualTo("fr");
    }

    @Test
    void turnsATextOnlyMessageIntoEscapedParagraphs() throws Exception {
        Notice notice = normalize(Newsletters.bytes(Newsletters.frenchTextOnly()), null, "en");

        Translation french = notice.original();
        assertThat(notice.originalLanguage()).isEqualTo("fr");
        assertThat(french.title()).isEqualTo("Lettre du réseau – mars 2026");
        assertThat(french.bodyHtml())
                .startsWith("<p>Chers partenaires,</p><p>Ce mois-ci")
                .contains("reconnus.<br />Vous trouverez")
                .contains("3 &lt; 5 places restantes &amp; gratuites.");
        assertThat(french.bodyText()).endsWith("Inscriptions : 3 < 5 places restantes & gratuites.");
    }

    @Test
    void readsTheDateHeaderIntoUtc() throws Exception {
        Notice notice = normalize(Newsletters.bytes(Newsletters.greekAlternative()), null, "en");

        assertThat(notice.publishedAt()).isEqualTo(Instant.parse("2026-03-03T07:15:00Z"));
        assertThat(notice.updatedAt()).isEqualTo(notice.publishedAt());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "Tue, 3 Mar 2026 09:15:00 EET | 2026-03-03T07:15:00Z",
                "3 Mar 2026 10:15 EEST | 2026-03-03T07:15:00Z",
                "Tue, 03 Mar 2026 09:15:00 GMT+2 | 2026-03-03T07:15:00Z",
                "2026-03-03 09:15 | 2026-03-03T07:15:00Z",
                "the third of March | ",
            })
    void readsTheDatesMailersReallyWriteAndLeavesAnUnreadableOneOut(String header, String expected) throws Exception {
        MimeMessage message = Newsletters.greekAlternative();
        message.setHeader("Date", header);

        Notice notice = normalize(Newsletters.bytes(message), null, "en");

        assertThat(notice.publishedAt()).isEqualTo(expected == null ? null : Instant.parse(expected));
    }

    @Test
    void listsAnAttachmentByTheHashOfItsContentButNotTheInlineLogo() throws Exception {
        byte[] pdf = "%PDF-1.7 programme".repeat(200).getBytes(StandardCharsets.US_ASCII);

        Notice notice = normalize(Newsletters.bytes(Newsletters.greekWithAttachment(pdf)), null, "en");

        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
        assertThat(notice.attachments())
                .containsExactly(new Notice.Attachment(
                        "urn:accmr:mail-attachment:sha256:" + sha256,
                        "application/pdf",
                        (long) pdf.length,
                        "Πρόγραμμα μαθημάτων.pdf"));
        assertThat(notice.original().bodyHtml()).contains("<strong>δωρεάν</strong>");
    }

    @Test
    void fallsBackToThePartnerLanguageWhenTheTextSaysTooLittle() throws Exception {
        MimeMessage message = Newsletters.message("<short@cities-network.gr>", "Info 3/2026");
        message.setText("Merci, à bientôt", "UTF-8");

        Notice notice = normalize(Newsletters.bytes(message), null, "el");

        assertThat(notice.originalLanguage()).isEqualTo("el");
        assertThat(notice.original().title()).isEqualTo("Info 3/2026");
    }

    @Test
    void ignoresAMalformedContentLanguageHeader() throws Exception {
        MimeMessage message = Newsletters.frenchTextOnly();
        message.setHeader("Content-Language", "français!");

        assertThat(normalize(Newsletters.bytes(message), null, "en").originalLanguage())
                .isEqualTo("fr");
    }

    @Test
    void refusesAMessageWithNeitherSubjectNorText() {
        byte[] empty = "From: news@cities-network.gr\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> normalize(empty, null, "en"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither a subject nor any text");
    }

    @Test
    void producesNoticesThatMatchTheSchema() throws Exception {
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(Path.of("docs", "schemas", "notice.schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(
                            in,
                            SchemaValidatorsConfig.builder()
                                    .formatAssertionsEnabled(true)
                                    .build());
        }
        for (MimeMessage message : new MimeMessage[] {
            Newsletters.greekWithAttachment(new byte[] {1, 2, 3}),
            Newsletters.arabicDeclared(),
            Newsletters.frenchTextOnly()
        }) {
            Notice draft = normalize(Newsletters.bytes(message), null, "en");
            Notice notice = draft.withVersion(1, ContentHash.of(draft));

            assertThat(schema.validate(NoticeJson.mapper().readTree(NoticeJson.write(notice))))
                    .isEmpty();
        }
    }

    private Notice normalize(byte[] bytes, @Nullable String declaredLanguage, String defaultLanguage) throws Exception {
        MimeMessage parsed = new MimeMessage(null, new java.io.ByteArrayInputStream(bytes));
        String[] ids = parsed.getHeader("Message-ID");
        String identity = ids == null ? "no-id" : ids[0].replaceAll("[<>]", "");
        RawRecord raw = new RawRecord(
                new NoticeId("cities-network", NoticeId.externalIdFor(identity)),
                "partner.cities-network",
                RawHeaders.EMAIL,
                RECEIVED,
                null,
                declaredLanguage,
                defaultLanguage,
                "newsletter",
                bytes,
                "hub.inbound.raw",
                1,
                42L);
        return ((Outcome.Draft) normalizer.normalize(raw)).notice();
    }
}
