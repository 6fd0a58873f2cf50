package gr.accmr.hub.fanout.archive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArabicScriptFoldingTest {

    @Test
    void foldsFarsiYehAndKehehOntoTheArabicLetters() {
        // "کمک" (help) and "پناهندگی" as typed on a Persian keyboard, against the Arabic code points.
        assertThat(ArabicScriptFolding.fold("کمک")).isEqualTo("كمك");
        assertThat(ArabicScriptFolding.fold("پناهندگی")).isEqualTo("پناهندگي");
        assertThat(ArabicScriptFolding.fold("مستشفى")).isEqualTo("مستشفي");
    }

    @Test
    void removesTatweelDiacriticsAndTheZeroWidthNonJoiner() {
        assertThat(ArabicScriptFolding.fold("مـــكتب")).isEqualTo("مكتب");
        assertThat(ArabicScriptFolding.fold("مَكْتَبُ")).isEqualTo("مكتب");
        assertThat(ArabicScriptFolding.fold("می\u200Cخواهم")).isEqualTo("ميخواهم");
    }

    @Test
    void foldsAlefHamzaTehMarbutaAndUrduHeh() {
        assertThat(ArabicScriptFolding.fold("أإآٱ")).isEqualTo("اااا");
        assertThat(ArabicScriptFolding.fold("مساعدة")).isEqualTo("مساعده");
        assertThat(ArabicScriptFolding.fold("پناہ")).isEqualTo("پناه");
        assertThat(ArabicScriptFolding.fold("ھ")).isEqualTo("ه");
    }

    @Test
    void turnsArabicIndicDigitsIntoAsciiDigits() {
        assertThat(ArabicScriptFolding.fold("٢٠٢٦ و ۱۴۰۵")).isEqualTo("2026 و 1405");
    }

    @Test
    void leavesGreekLatinAndCyrillicAsTheyAre() {
        String text = "Υγεία — santé, health, здоров'я";
        assertThat(ArabicScriptFolding.fold(text)).isSameAs(text);
    }
}
