package gr.accmr.hub.normalize.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlSanitizerTest {

    private static final String BASE = "https://www.cityofathens.gr/news/greek-lessons";

    private static final Pattern EVENT_HANDLER = Pattern.compile("\\bon\\w+\\s*=", Pattern.CASE_INSENSITIVE);

    private static final Pattern SAFE_URL = Pattern.compile("^(https?:|mailto:|tel:)", Pattern.CASE_INSENSITIVE);

    @ParameterizedTest
    @ValueSource(
            strings = {
                // scripts
                "<script>alert(1)</script>",
                "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
                "<ScRiPt>alert(1)</sCrIpT>",
                "<script type=\"text/javascript\">document.write('x')</script>",
                "<scr<script>ipt>alert(1)</scr</script>ipt>",
                "<![CDATA[<script>alert(1)</script>]]>",
                "<!--<img src=x onerror=alert(1)>-->",
                "<img \"\"\"><script>alert(1)</script>\">",
                // event handlers
                "<img src=x onerror=alert(1)>",
                "<IMG SRC=x OnErRoR=alert(1)>",
                "<img src=`x`onerror=alert(1)>",
                "<img src=\"https://cdn.example/a.png\" onerror=\"alert(1)\">",
                "<body onload=alert(1)>",
                "<div onmouseover=\"alert(1)\">hover</div>",
                "<p/onclick=alert(1)>click</p>",
                "<a href=\"https://ok.example/\" onclick=\"alert(1)\">ok</a>",
                "<details open ontoggle=alert(1)>",
                "<marquee onstart=alert(1)>m</marquee>",
                "<video><source onerror=\"alert(1)\"></video>",
                "<audio src=x onerror=alert(1)>",
                "<input autofocus onfocus=alert(1)>",
                "<select autofocus onfocus=alert(1)>",
                "<textarea autofocus onfocus=alert(1)>t</textarea>",
                "<x onclick=alert(1)>custom</x>",
                // javascript:, vbscript: and data: URLs, plain and disguised
                "<a href=\"javascript:alert(1)\">link</a>",
                "<a href=\"JaVaScRiPt:alert(1)\">link</a>",
                "<a href=\"  javascript:alert(1)\">link</a>",
                "<a href=\"&#x20;javascript:alert(1)\">link</a>",
                "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">link</a>",
                "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)\">link</a>",
                "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">link</a>",
                "<a href=\"javascript&colon;alert(1)\">link</a>",
                "<a href=\"jAvAsCrIpT&colon;alert&lpar;1&rpar;\">link</a>",
                "<a href=\"jav&#x09;ascript:alert(1)\">link</a>",
                "<a href=\"jav&#x0A;ascript:alert(1)\">link</a>",
                "<a href=\"java&#x0D;script:alert(1)\">link</a>",
                "<a href=\"jav\tascript:alert(1)\">link</a>",
                "<a href=\"jav\nascript:alert(1)\">link</a>",
                "<a href=\"java\u0000script:alert(1)\">link</a>",
                "<a href=\"vbscript:msgbox(1)\">link</a>",
                "<a href=\"VBScript:msgbox(1)\">link</a>",
                "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">link</a>",
                "<a href=\"DATA:text/html,<script>alert(1)</script>\">link</a>",
                "<img src=\"data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+\">",
                "<img src=\"javascript:alert(1)\">",
                "<table background=\"javascript:alert(1)\"><tr><td>cell</td></tr></table>",
                "<form><button formaction=\"javascript:alert(1)\">go</button></form>",
                // svg and math
                "<svg onload=alert(1)>",
                "<svg><script>alert(1)</script></svg>",
                "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">svg</text></a></svg>",
                "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
                "<math href=\"javascript:alert(1)\">m</math>",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
                // frames, plugins, forms, document-level elements
                "<iframe src=\"https://evil.example/\"></iframe>",
                "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
                "<iframe src=\"javascript:alert(1)\"></iframe>",
                "<object data=\"https://evil.example/x.swf\"></object>",
                "<embed src=\"javascript:alert(1)\">",
                "<form action=\"https://evil.example/\"><input name=\"pw\" type=\"password\"><button>Send</button></form>",
                "<base href=\"javascript:/\">",
                "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
                "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
                "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
                // styles
                "<div style=\"background:url(javascript:alert(1))\">styled</div>",
                "<p style=\"width: expression(alert(1))\">styled</p>",
                "<img src=\"https://ok.example/a.png\" style=\"position:fixed\">",
                "<style>body { background: url(\"javascript:alert(1)\") }</style>",
                "<style>@import 'https://evil.example/x.css';</style>",
            })
    void neutralizesXssVectorAndKeepsTheTextAroundIt(String vector) {
        String html = sanitize("<p>Registration opens</p>" + vector + "<p>on Monday</p>");

        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower)
                .doesNotContain("<script", "javascript:", "vbscript:", "data:", "expression(")
                .doesNotContain("<iframe", "<object", "<embed", "<form", "<input", "<button", "<base", "<meta")
                .doesNotContain("<link", "<style", "style=", "<svg", "<math", "srcdoc");
        assertThat(html).doesNotContainPattern(EVENT_HANDLER);
        assertThat(html).contains("<p>Registration opens</p>").contains("<p>on Monday</p>");
        assertOnlySafeMarkup(html);
    }

    @Test
    void keepsLegitimateFormatting() {
        String html = "<h2>Greek lessons</h2><p>Free <strong>classes</strong> for <em>adults</em>.</p>"
                + "<ul><li>Mondays</li><li>Thursdays</li></ul>"
                + "<table><tbody><tr><td>Room</td><td>12</td></tr></tbody></table>";

        assertThat(sanitize(html))
                .contains("<h2>Greek lessons</h2>")
                .contains("<strong>classes</strong>", "<em>adults</em>")
                .contains("<ul><li>Mondays</li><li>Thursdays</li></ul>")
                .contains("<td>Room</td>");
    }

    @Test
    void givesLinksNoopenerAndNofollow() {
        Element link = parse(sanitize("<a href=\"https://partner.example/page\">page</a>"))
                .selectFirst("a");

        assertThat(link).isNotNull();
        assertThat(link.attr("href")).isEqualTo("https://partner.example/page");
        assertThat(link.attr("rel").split(" ")).contains("noopener", "nofollow");
    }

    @Test
    void addsNoopenerAndNofollowToARelThePartnerSet() {
        Element link = parse(sanitize("<a href=\"https://partner.example/\" rel=\"author\">page</a>"))
                .selectFirst("a");

        assertThat(link).isNotNull();
        assertThat(link.attr("rel").split(" ")).contains("noopener", "nofollow");
    }

    @Test
    void resolvesRelativeLinksAndImagesAgainstTheBaseUrl() {
        Document html = parse(HtmlSanitizer.sanitize(
                "<p><a href=\"/kentra\">centre</a> <a href=\"timetable.html\">timetable</a>"
                        + " <img src=\"img/map.png\" alt=\"map\"> <img src=\"/logo.png\" alt=\"logo\"></p>",
                "https://www.cityofathens.gr/news/greek-lessons"));

        assertThat(html.select("a").eachAttr("href"))
                .containsExactly(
                        "https://www.cityofathens.gr/kentra", "https://www.cityofathens.gr/news/timetable.html");
        assertThat(html.select("img").eachAttr("src"))
                .containsExactly(
                        "https://www.cityofathens.gr/news/img/map.png", "https://www.cityofathens.gr/logo.png");
    }

    @Test
    void treatsMarkupAlikeWhetherItsLinksAreRelativeOrAbsolute() {
        String relative = "<p>Centre: <a href=\"/kentra\">here</a></p></p><b>open <i>daily</b> 9–17";
        String absolute = relative.replace("/kentra", "https://www.cityofathens.gr/kentra");

        assertThat(HtmlSanitizer.sanitize(relative, "https://www.cityofathens.gr/news/greek-lessons"))
                .isEqualTo(HtmlSanitizer.sanitize(absolute, "https://www.cityofathens.gr/news/greek-lessons"));
    }

    @Test
    void leavesRelativeLinksAloneWithoutABaseUrl() {
        Element link = parse(HtmlSanitizer.sanitize("<a href=\"/kentra\">centre</a>", null))
                .selectFirst("a");

        assertThat(link).isNotNull();
        assertThat(link.attr("href")).isEqualTo("/kentra");
    }

    @Test
    void keepsMailtoAndTelLinks() {
        Document html = parse(sanitize(
                "<p><a href=\"mailto:info@accmr.gr\">mail</a>" + " <a href=\"tel:+302100000000\">phone</a></p>"));

        assertThat(html.select("a").eachAttr("href")).containsExactly("mailto:info@accmr.gr", "tel:+302100000000");
    }

    @Test
    void keepsHttpsImagesButDropsHttpOnes() {
        Document html = parse(sanitize("<p><img src=\"https://cdn.example/ok.png\" alt=\"ok\">"
                + "<img src=\"http://cdn.example/insecure.png\" alt=\"insecure\"></p>"));

        assertThat(html.select("img").eachAttr("src")).containsExactly("https://cdn.example/ok.png");
    }

    @Test
    void dropsRelativeImagesWhenTheBaseIsPlainHttp() {
        Document html = parse(HtmlSanitizer.sanitize("<img src=\"/photo.png\">", "http://partner.example/news/1"));

        assertThat(html.select("img")).isEmpty();
    }

    @Test
    void keepsTextThatLooksLikeMarkupAsText() {
        String html = sanitize("<p>1 &lt; 2 &amp;&amp; 3 &gt; 2</p>");

        assertThat(parse(html).text()).isEqualTo("1 < 2 && 3 > 2");
        assertThat(html).doesNotContain("< 2");
    }

    @Test
    void keepsGreekAndArabicText() {
        String html = sanitize("<p>Δωρεάν μαθήματα</p><p dir=\"rtl\">تجديد تصريح الإقامة</p>");

        assertThat(parse(html).text()).isEqualTo("Δωρεάν μαθήματα تجديد تصريح الإقامة");
    }

    @Test
    void keepsTheDirectionOfMixedDirectionText() {
        String html = sanitize("<p dir=\"RTL\">اتصل بمنظمة <span dir=\"ltr\">Mercy Corps</span> على الرقم"
                + " <bdi>+30 210 523 2544</bdi> أو <bdo dir=\"ltr\">info@refugee.info</bdo>.</p>");

        Document document = parse(html);
        assertThat(document.selectFirst("p").attr("dir")).isEqualToIgnoringCase("rtl");
        assertThat(document.selectFirst("span").attr("dir")).isEqualTo("ltr");
        assertThat(document.selectFirst("bdi").text()).isEqualTo("+30 210 523 2544");
        assertThat(document.selectFirst("bdo").attr("dir")).isEqualTo("ltr");
        assertThat(document.text()).startsWith("اتصل بمنظمة Mercy Corps على الرقم");
    }

    @Test
    void keepsBidiControlCharactersAndDropsOtherDirectionValues() {
        // U+200F RIGHT-TO-LEFT MARK and U+2066/U+2069 (LEFT-TO-RIGHT ISOLATE ... POP) around a number.
        String html = sanitize("<p dir=\"sideways\">الموعد \u2066+30 210 523 2544\u2069\u200F</p>");

        assertThat(parse(html).selectFirst("p").hasAttr("dir")).isFalse();
        assertThat(html).contains("\u2066&#43;30 210 523 2544\u2069\u200F");
        assertThat(PlainText.ofSanitized(html)).isEqualTo("الموعد \u2066+30 210 523 2544\u2069\u200F");
    }

    private static String sanitize(String html) {
        return HtmlSanitizer.sanitize(html, BASE);
    }

    private static Document parse(String html) {
        return Jsoup.parseBodyFragment(html);
    }

    /** Reads the output back as a browser would: no handler attributes, and only safe URL schemes. */
    private static void assertOnlySafeMarkup(String html) {
        for (Element element : parse(html).body().getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                assertThat(attribute.getKey()).doesNotStartWithIgnoringCase("on");
                if (attribute.getKey().equalsIgnoreCase("href")
                        || attribute.getKey().equalsIgnoreCase("src")) {
                    assertThat(attribute.getValue().strip()).containsPattern(SAFE_URL);
                }
            }
        }
    }

    @org.junit.jupiter.api.RepeatedTest(5)
    void writesTheRequiredRelsInOneOrderSoTheContentHashIsStable() {
        String html = HtmlSanitizer.sanitize("<a href=\"https://example.org/\">x</a>", null);

        org.assertj.core.api.Assertions.assertThat(html).contains("rel=\"noopener nofollow\"");
    }

    @org.junit.jupiter.api.Test
    void keepsTheSpansAndScopesOfTableCells() {
        String html = HtmlSanitizer.sanitize(
                "<table><tr><th scope=\"col\" colspan=\"2\">Ώρες</th></tr><tr><td rowspan=\"3\" onclick=\"x\">Δευτέρα</td></tr></table>",
                null);

        org.assertj.core.api.Assertions.assertThat(html)
                .contains("scope=\"col\"", "colspan=\"2\"", "rowspan=\"3\"")
                .doesNotContain("onclick");
    }
}
