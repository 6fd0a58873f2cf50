package gr.accmr.hub.normalize.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlainTextTest {

    @Test
    void decodesEntities() {
        assertThat(PlainText.of("Fish &amp; chips &lt;3 &eacute;t&eacute; &#x3B1;&#946; &quot;ok&quot;"))
                .isEqualTo("Fish & chips <3 été αβ \"ok\"");
    }

    @Test
    void dropsTheMarkup() {
        assertThat(PlainText.of("<p>Free <strong>Greek</strong> lessons</p><ul><li>Mondays</li></ul>"))
                .isEqualTo("Free Greek lessons Mondays");
    }

    @Test
    void collapsesWhitespace() {
        assertThat(PlainText.of("  Opening\n\n hours:\t09:00 \r\n –  17:00  "))
                .isEqualTo("Opening hours: 09:00 – 17:00");
    }

    @Test
    void normalizesToNfc() {
        String decomposed = "Cafe\u0301 \u03b1\u0301\u03bd\u03bf\u03b9\u03c7\u03c4\u03bf\u0301";

        String text = PlainText.of(decomposed);

        assertThat(text).isEqualTo("Café άνοιχτό");
        assertThat(Normalizer.isNormalized(text, Normalizer.Form.NFC)).isTrue();
    }

    @Test
    void givesEmptyTextForEmptyMarkup() {
        assertThat(PlainText.of("<p> </p><br>")).isEmpty();
    }

    @Test
    void putsEachBlockOfSanitizedHtmlOnALineOfItsOwn() {
        assertThat(PlainText.ofSanitized("<h2>What to bring</h2><ul><li>Bring your current card</li>"
                        + "<li>Book an <b>appointment</b>\n first</li></ul><p>Kifisias 37<br />Athens</p>"))
                .isEqualTo("What to bring\nBring your current card\nBook an appointment first\nKifisias 37\nAthens");
    }

    @Test
    void separatesTableCellsBySpacesAndRowsByLines() {
        assertThat(PlainText.ofSanitized(
                        "<table><tr><td>Monday</td><td>9-17</td></tr><tr><td>Friday</td></tr></table>"))
                .isEqualTo("Monday 9-17\nFriday");
    }

    @Test
    void makesASummaryOfOneLine() {
        assertThat(PlainText.summary("Open on Monday.\nClosed on Tuesday.", "en"))
                .isEqualTo("Open on Monday. Closed on Tuesday.");
    }

    @Test
    void makesAHeadlineOfTheFirstLine() {
        assertThat(PlainText.headline("Office closed on Monday.\nIt opens again on Tuesday.", "en"))
                .isEqualTo("Office closed on Monday.");
    }

    @Test
    void keepsAShortTextWhole() {
        String text = "Three winter shelters open on 1 December. Bring an ID.";

        assertThat(PlainText.summary(text, "en")).isEqualTo(text);
    }

    static Stream<Arguments> longTexts() {
        return Stream.of(
                Arguments.of("en", new String[] {
                    "The municipality of Athens opens registrations for free Greek language lessons for adults.",
                    "Lessons take place at the community centre on Mondays and Thursdays from six to eight.",
                    "Bring a residence permit or an asylum seeker card to the first lesson, please.",
                    "Places are limited and are given in the order in which applications arrive at the centre.",
                    "Children can join the play group that meets in the next room at the same hours."
                }),
                Arguments.of("el", new String[] {
                    "Ο Δήμος Αθηναίων ανοίγει τις εγγραφές για δωρεάν μαθήματα ελληνικής γλώσσας για ενήλικες.",
                    "Τα μαθήματα γίνονται στο κέντρο κοινότητας κάθε Δευτέρα και Πέμπτη από τις έξι έως τις οκτώ.",
                    "Φέρτε μαζί σας την άδεια διαμονής ή την κάρτα αιτούντος άσυλο στο πρώτο μάθημα.",
                    "Οι θέσεις είναι περιορισμένες και δίνονται με τη σειρά που φτάνουν οι αιτήσεις στο κέντρο.",
                    "Τα παιδιά μπορούν να πάνε στην ομάδα παιχνιδιού στο διπλανό δωμάτιο τις ίδιες ώρες."
                }),
                Arguments.of("ar", new String[] {
                    "تفتح بلدية أثينا باب التسجيل في دروس مجانية لتعلم اللغة اليونانية للبالغين في مركز المجتمع.",
                    "تقام الدروس في مركز المجتمع كل يوم اثنين وخميس من الساعة السادسة حتى الثامنة مساء.",
                    "يرجى إحضار تصريح الإقامة أو بطاقة طالب اللجوء إلى الدرس الأول من فضلكم.",
                    "الأماكن محدودة وتعطى حسب ترتيب وصول الطلبات إلى المركز خلال فترة التسجيل.",
                    "يمكن للأطفال الانضمام إلى مجموعة اللعب في الغرفة المجاورة في نفس الساعات."
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("longTexts")
    void cutsALongTextAtTheLastSentenceThatFits(String language, String[] sentences) {
        String text = String.join(" ", sentences);
        String expected = longestPrefixOfWholeSentences(sentences, PlainText.SUMMARY_LENGTH);
        assertThat(text).hasSizeGreaterThan(PlainText.SUMMARY_LENGTH);
        assertThat(expected).as("the fixture has a cut point").isNotEmpty();

        String summary = PlainText.summary(text, language);

        assertThat(summary).isEqualTo(expected).hasSizeLessThanOrEqualTo(PlainText.SUMMARY_LENGTH);
        assertThat(summary).endsWith(".").doesNotEndWith("…");
    }

    @Test
    void cutsOneLongSentenceAtAWordWithAnEllipsis() {
        String text = ("Registrations for the free Greek lessons for adults at the community centre of the"
                        + " municipality are open to everyone who lives in the city")
                .repeat(3);

        String summary = PlainText.summary(text, "en");

        assertThat(summary).endsWith("…").hasSizeLessThanOrEqualTo(PlainText.SUMMARY_LENGTH);
        String cut = summary.substring(0, summary.length() - 1);
        assertThat(text).startsWith(cut);
        assertThat(text.charAt(cut.length())).as("the cut falls between words").isEqualTo(' ');
        assertThat(cut).doesNotEndWith(" ");
    }

    @Test
    void cutsAWordlessRunAtTheLimit() {
        String text = "x".repeat(500);

        String summary = PlainText.summary(text, "en");

        assertThat(summary).hasSize(PlainText.SUMMARY_LENGTH).endsWith("x…");
    }

    private static String longestPrefixOfWholeSentences(String[] sentences, int limit) {
        String prefix = "";
        for (String sentence : sentences) {
            String longer = prefix.isEmpty() ? sentence : prefix + " " + sentence;
            if (longer.length() > limit) {
                break;
            }
            prefix = longer;
        }
        return prefix;
    }
}
