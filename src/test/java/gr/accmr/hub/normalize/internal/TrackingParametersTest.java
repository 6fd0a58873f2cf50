package gr.accmr.hub.normalize.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrackingParametersTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://www.cityofathens.gr/news?id=3&utm_source=newsletter&utm_medium=email | https://www.cityofathens.gr/news?id=3",
                "https://eurocities.eu/latest/?utm_campaign=march#section-2 | https://eurocities.eu/latest/#section-2",
                "https://www.unhcr.org/gr/?fbclid=IwAR3x&lang=el&gclid=Cj0 | https://www.unhcr.org/gr/?lang=el",
                "https://mailchi.mp/network/march?e=1&mc_cid=ab12&mc_eid=cd34 | https://mailchi.mp/network/march?e=1",
                "https://www.refugee.info/greece/?UTM_Source=x | https://www.refugee.info/greece/",
                "https://www.refugee.info/greece/cash?page=2 | https://www.refugee.info/greece/cash?page=2",
                "https://www.refugee.info/greece/cash | https://www.refugee.info/greece/cash",
                "https://example.org/search?q=utm_source | https://example.org/search?q=utm_source",
            })
    void dropsTrackingParametersAndKeepsTheRest(String url, String expected) {
        assertThat(TrackingParameters.strip(url)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "<a href=\"https://x.org/p?id=3&amp;utm_source=news\">x</a>"
                        + " | <a href=\"https://x.org/p?id&#61;3\" rel=\"noopener nofollow\">x</a>",
                "<img src=\"https://x.org/i.png?fbclid=ZZ\" /> | <img src=\"https://x.org/i.png\" />",
                "<a href=\"/p?a=1&utm_source=x#top\">x</a>"
                        + " | <a href=\"https://www.cityofathens.gr/p?a&#61;1#top\" rel=\"noopener nofollow\">x</a>",
                "<p>Ask?utm_source=me</p> | <p>Ask?utm_source&#61;me</p>",
            })
    void theSanitizerDropsThemFromLinksAndImagesOnly(String html, String expected) {
        assertThat(HtmlSanitizer.sanitize(html, "https://www.cityofathens.gr/news/1"))
                .isEqualTo(expected);
    }
}
