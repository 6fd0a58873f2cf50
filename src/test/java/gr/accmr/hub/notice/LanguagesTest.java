package gr.accmr.hub.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LanguagesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "en, en",
        "en-us, en",
        "en-US, en",
        "en_GB, en",
        "ar-SA, ar",
        "ur-UR, ur",
        "uk-UK, uk",
        "fr-FR, fr",
        "EL, el",
        "el-GR, el",
        "fa-IR, fa",
        "ckb-IQ, ckb",
        "zh-Hant-TW, zh",
        "iw, he",
        "iw-IL, he",
        "ji, yi",
        "in, id",
        "ell, el",
        "gre, el",
        "' de-AT ', de",
    })
    void reducesATagToItsPrimaryLanguage(String tag, String expected) {
        assertThat(Languages.normalize(tag)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "   ", "e", "english", "123", "en1", "x-klingon", "-en", "ελ", "*"})
    void rejectsWhatIsNoLanguageTag(String tag) {
        assertThatIllegalArgumentException().isThrownBy(() -> Languages.normalize(tag));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"zz", "xx-YY", "und", "qaa", "mis", "zxx", "abc", "klingon-x"})
    void refusesUnknownLanguagesInsteadOfMakingPagesOfThem(String tag) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Languages.normalize(tag))
                .withMessageContaining(tag.split("-")[0].length() > 3 ? "not a language tag" : "unknown language");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "el", "ar", "fa", "ur", "fr", "uk", "ckb", "he", "ti", "so"})
    void knowsNormalizedTags(String tag) {
        assertThat(Languages.isNormalized(tag)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz", "EN", "en-us", "iw", "../en", ""})
    void tellsWhatIsNoNormalizedTag(String tag) {
        assertThat(Languages.isNormalized(tag)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ar", "fa", "ur", "ps", "ckb", "he", "yi", "sd", "dv"})
    void writesRightToLeftLanguagesRightToLeft(String language) {
        assertThat(Languages.direction(language)).isEqualTo("rtl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "el", "fr", "uk", "ru", "tr", "ti", "so", "zh"})
    void writesOtherLanguagesLeftToRight(String language) {
        assertThat(Languages.direction(language)).isEqualTo("ltr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ar-SA", "iw", "UR-pk", "fa_IR"})
    void givesTheDirectionOfANormalizedTag(String tag) {
        assertThat(Languages.direction(Languages.normalize(tag))).isEqualTo("rtl");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "ara, ar",
        "fas, fa",
        "per, fa",
        "eng, en",
        "ell, el",
        "gre, el",
        "ukr, uk",
        "urd, ur",
        "fre, fr",
        "fra, fr",
        "ckb, ckb",
        "gr, el",
        "GR, el"
    })
    void mapsThreeLetterCodesAndTheCommonGrToTheTwoLetterOnes(String tag, String expected) {
        assertThat(Languages.normalize(tag)).isEqualTo(expected);
    }
}
