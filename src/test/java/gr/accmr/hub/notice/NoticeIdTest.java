package gr.accmr.hub.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoticeIdTest {

    @Test
    void parsesPartnerAndExternalId() {
        NoticeId id = NoticeId.parse("athens:athens-2026-101");

        assertThat(id.partner()).isEqualTo("athens");
        assertThat(id.externalId()).isEqualTo("athens-2026-101");
    }

    @Test
    void formatsAsPartnerColonExternalId() {
        assertThat(new NoticeId("irc", "h-0123abcd")).hasToString("irc:h-0123abcd");
    }

    @ParameterizedTest
    @ValueSource(strings = {"athens:athens-2026-101", "irc:h-d75326de67d45c54bdca10c0e316705a", "a:B.c_~@-9", "x9-y:1"})
    void givesBackWhatItParsed(String text) {
        NoticeId id = NoticeId.parse(text);

        assertThat(id.toString()).isEqualTo(text);
        assertThat(NoticeId.parse(id.toString())).isEqualTo(id);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "no-colon",
                ":missing-partner",
                "athens:",
                "Athens:1",
                "-athens:1",
                "ath ens:1",
                "athens:has space",
                "athens:a/b",
                "athens:a:b",
                "athens:-leading-dash",
                "athens:ümlaut",
                "athens:../../etc/passwd",
            })
    void rejectsMalformedIds(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> NoticeId.parse(text));
    }

    @Test
    void limitsThePartnerTo63Characters() {
        assertThat(new NoticeId("p".repeat(63), "1").partner()).hasSize(63);
        assertThatIllegalArgumentException().isThrownBy(() -> new NoticeId("p".repeat(64), "1"));
        assertThat(NoticeId.isValidPartner("p".repeat(63))).isTrue();
        assertThat(NoticeId.isValidPartner("p".repeat(64))).isFalse();
    }

    @Test
    void limitsTheExternalIdTo128Characters() {
        assertThat(new NoticeId("p", "e".repeat(128)).externalId()).hasSize(128);
        assertThatIllegalArgumentException().isThrownBy(() -> new NoticeId("p", "e".repeat(129)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"athens-2026-101", "article_4411", "A.b~c@d-1", "42"})
    void keepsAnIdThatIsAlreadySafe(String partnerId) {
        assertThat(NoticeId.externalIdFor(partnerId)).isEqualTo(partnerId);
    }

    @Test
    void stripsSurroundingWhitespaceFromASafeId() {
        assertThat(NoticeId.externalIdFor("  athens-2026-101\n")).isEqualTo("athens-2026-101");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://www.cityofathens.gr/news/greek-lessons-2026",
                "tag:refugee.info,2026:article-4411",
                "urn:uuid:6a4a1a2e-2b6e-4c1f-9f6e-0d7c3f8b9a10",
                "άρθρο 12",
                "-leading-dash",
            })
    void hashesAnIdThatIsNotSafe(String partnerId) {
        String externalId = NoticeId.externalIdFor(partnerId);

        assertThat(externalId).matches("h-[0-9a-f]{32}");
        assertThat(NoticeId.externalIdFor(partnerId)).as("stable").isEqualTo(externalId);
        assertThat(new NoticeId("partner", externalId).externalId()).isEqualTo(externalId);
    }

    @Test
    void hashesAnIdThatIsTooLong() {
        assertThat(NoticeId.externalIdFor("a".repeat(129))).matches("h-[0-9a-f]{32}");
    }

    @Test
    void hashesDifferentIdsDifferently() {
        assertThat(NoticeId.externalIdFor("https://partner.example/news/1"))
                .isNotEqualTo(NoticeId.externalIdFor("https://partner.example/news/2"));
    }

    @Test
    void hashesAnIdTheSameWithOrWithoutSurroundingWhitespace() {
        assertThat(NoticeId.externalIdFor(" https://partner.example/news/1 "))
                .isEqualTo(NoticeId.externalIdFor("https://partner.example/news/1"));
    }
}
