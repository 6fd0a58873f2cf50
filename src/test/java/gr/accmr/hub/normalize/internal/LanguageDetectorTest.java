package gr.accmr.hub.normalize.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LanguageDetectorTest {

    private final LanguageDetector detector = LanguageDetector.shared();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ar | أعزاءنا الشركاء، اجتمعت الشبكة هذا الشهر في سالونيك لمناقشة دعم السكن للاجئين المعترف بهم. ستجدون أدناه محضر الاجتماع والخطوات التالية.
            fa | همکاران گرامی، این ماه شبکه در تسالونیکی برای گفتگو درباره حمایت از مسکن پناهندگان به رسمیت شناخته شده گرد هم آمد. صورتجلسه و گام‌های بعدی را در ادامه می‌یابید.
            ur | محترم شراکت دارو، اس مہینے نیٹ ورک نے تسلیم شدہ پناہ گزینوں کے لیے رہائش کی مدد پر بات کرنے کے لیے تھیسالونیکی میں ملاقات کی۔ اجلاس کی کارروائی اور اگلے اقدامات نیچے دیے گئے ہیں۔
            """)
    void tellsArabicFarsiAndUrduApart(String expected, String paragraph) {
        assertThat(detector.detect(paragraph)).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ar | تعلن بلدية أثينا عن بدء التسجيل في دروس اللغة اليونانية المجانية للبالغين. يمكن للمهتمين التسجيل في مراكز المجتمع حتى نهاية الشهر.
            fa | شهرداری آتن ثبت‌نام کلاس‌های رایگان زبان یونانی برای بزرگسالان را آغاز کرده است. علاقه‌مندان می‌توانند تا پایان ماه در مراکز محلی ثبت‌نام کنند.
            ur | ایتھنز کی بلدیہ نے بالغوں کے لیے مفت یونانی زبان کی کلاسوں میں داخلے کا آغاز کر دیا ہے۔ دلچسپی رکھنے والے افراد مہینے کے آخر تک کمیونٹی مراکز میں اندراج کروا سکتے ہیں۔
            el | Αγαπητοί εταίροι, αυτόν τον μήνα το δίκτυο συναντήθηκε στη Θεσσαλονίκη για τη στέγαση των προσφύγων.
            fr | Chers partenaires, ce mois-ci le réseau s'est réuni à Thessalonique pour parler du logement des réfugiés reconnus.
            en | Dear partners, this month the network met in Thessaloniki to discuss housing support for recognised refugees.
            uk | Шановні партнери, цього місяця мережа зустрілася в Салоніках, щоб обговорити підтримку житлом для біженців.
            """)
    void recognizesEachLanguageOfTheHubInARealisticParagraph(String expected, String paragraph) {
        assertThat(detector.detect(paragraph)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "OK", "Newsletter", "Athens 2026", "https://cities.gr/n/12 — 3/2026"})
    void answersNothingForTextTooShortToTell(String text) {
        assertThat(detector.detect(text)).isEmpty();
    }

    @Test
    void looksOnlyAtTheBeginningOfAVeryLongText() {
        String paragraph = "Chers partenaires, ce mois-ci le réseau s'est réuni à Thessalonique. ";

        assertThat(detector.detect(paragraph.repeat(2000))).contains("fr");
    }
}
