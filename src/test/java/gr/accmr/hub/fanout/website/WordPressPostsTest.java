package gr.accmr.hub.fanout.website;

import static org.assertj.core.api.Assertions.assertThat;

import gr.accmr.hub.notice.Translation;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordPressPostsTest {

    @Test
    void wrapsRightToLeftTextAndLinksTheOtherLanguages() {
        String content = WordPressPosts.content(
                "ar",
                WordPressFixtures.ARABIC,
                List.of(new WordPressPosts.OtherLanguage("en", "ltr", "English", "https://www.example.gr/?p=12")));

        assertThat(content)
                .startsWith("<div class=\"accmr-notice\" lang=\"ar\" dir=\"rtl\">")
                .contains("<p>مغلق يوم الجمعة.</p>")
                .contains(
                        "<a href=\"https://www.example.gr/?p=12\" hreflang=\"en\" lang=\"en\" dir=\"ltr\">English</a>")
                .contains("aria-label=\"اللغات\"");
    }

    @Test
    void keepsOnlyWebLinksAndAWebSource() {
        Translation translation = new Translation(
                "Title",
                "",
                "<p><a href=\"mailto:a@example.org\">mail us</a>, <a href=\"tel:+30210\">call</a>,"
                        + " <a href=\"https://example.org/x\">read</a></p>",
                "",
                "ltr",
                "javascript:alert(1)");

        String content = WordPressPosts.content("en", translation, List.of());

        assertThat(content)
                .contains("mail us, call, <a href=\"https://example.org/x\">read</a>")
                .doesNotContain("mailto:", "tel:", "javascript:", "accmr-source", "accmr-languages");
    }

    @Test
    void escapesTitlesBecauseWordPressShowsThemAsHtml() {
        assertThat(WordPressPosts.text("Food & shelter <b>now</b>"))
                .isEqualTo("Food &amp; shelter &lt;b&gt;now&lt;/b&gt;");
    }

    @Test
    void givesEachNoticeAndLanguageItsOwnStableSlug() {
        String slug = WordPressChannel.slug("irc-api:IRC_2026/0042", "ar");

        assertThat(slug)
                .matches("irc-api-irc-2026-0042-[0-9a-f]{10}-ar")
                .isEqualTo(WordPressChannel.slug("irc-api:IRC_2026/0042", "ar"));
        // Ids that read the same still get slugs of their own.
        assertThat(WordPressChannel.slug("irc-api:irc-2026-0042", "ar")).isNotEqualTo(slug);
        assertThat(WordPressChannel.slug("athens:Ανακοίνωση-" + "x".repeat(200), "el"))
                .hasSizeLessThan(90);
    }
}
