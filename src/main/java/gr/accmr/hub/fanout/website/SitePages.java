package gr.accmr.hub.fanout.website;

import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.Translation;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/** Renders the static site's pages. Only {@code bodyHtml}, sanitized upstream, is inserted unescaped. */
final class SitePages {

    private static final ZoneId ATHENS = ZoneId.of("Europe/Athens");
    private static final String STYLE =
            "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
                    + "nav a{margin-inline-end:1rem}time{color:#555}li{margin:.5rem 0}"
                    + ".outdated{border-inline-start:4px solid #b58900;padding-inline-start:.75rem}";

    /** "This translation is older than the original" and "read the original", in the hub's languages. */
    private static final Map<String, String[]> OUTDATED = Map.of(
            "en", new String[] {"This translation is older than the original text.", "Read the original"},
            "el", new String[] {"Αυτή η μετάφραση είναι παλαιότερη από το αρχικό κείμενο.", "Διαβάστε το πρωτότυπο"},
            "ar", new String[] {"هذه الترجمة أقدم من النص الأصلي.", "اقرأ النص الأصلي"},
            "fa", new String[] {"این ترجمه از متن اصلی قدیمی‌تر است.", "متن اصلی را بخوانید"},
            "ur", new String[] {"یہ ترجمہ اصل متن سے پرانا ہے۔", "اصل متن پڑھیں"},
            "fr", new String[] {"Cette traduction est plus ancienne que le texte original.", "Lire l’original"},
            "uk", new String[] {"Цей переклад старіший за оригінальний текст.", "Читати оригінал"});

    private SitePages() {}

    /** Escapes markup characters only: the pages are UTF-8, so Greek or Arabic stay readable in the source. */
    private static String htmlEscape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    /** Relative path of a notice page under the site root: {@code {lang}/{partner}/{externalId}.html}. */
    static String pagePath(Notice notice, String language) {
        return language + "/" + notice.partner() + "/" + notice.externalId() + ".html";
    }

    static String page(Notice notice, String language) {
        Translation translation = notice.translations().get(language);
        StringBuilder html = head(language, translation.title());
        html.append("<nav><a href=\"../index.html\">")
                .append(htmlEscape(language))
                .append("</a>");
        for (String other : notice.translations().keySet()) {
            if (!other.equals(language)) {
                html.append("<a href=\"../../")
                        .append(pagePath(notice, other))
                        .append("\" hreflang=\"")
                        .append(other)
                        .append("\" lang=\"")
                        .append(other)
                        .append("\">")
                        .append(htmlEscape(notice.translations().get(other).title()))
                        .append("</a>");
            }
        }
        html.append("</nav><article><h1>")
                .append(htmlEscape(translation.title()))
                .append("</h1>");
        if (notice.publishedAt() != null) {
            html.append("<p><time datetime=\"")
                    .append(notice.publishedAt())
                    .append("\">")
                    .append(DateTimeFormatter.ISO_LOCAL_DATE.format(
                            notice.publishedAt().atZone(ATHENS)))
                    .append("</time> · ")
                    .append(htmlEscape(notice.partner()))
                    .append("</p>");
        }
        if (Boolean.TRUE.equals(translation.outdated())
                && notice.translations().containsKey(notice.originalLanguage())) {
            String[] note = OUTDATED.getOrDefault(language, OUTDATED.get("en"));
            html.append("<p class=\"outdated\" role=\"note\">")
                    .append(htmlEscape(note[0]))
                    .append(" <a href=\"../../")
                    .append(pagePath(notice, notice.originalLanguage()))
                    .append("\" hreflang=\"")
                    .append(notice.originalLanguage())
                    .append("\">")
                    .append(htmlEscape(note[1]))
                    .append("</a></p>");
        }
        html.append(translation.bodyHtml());
        if (translation.url() != null) {
            html.append("<p><a href=\"")
                    .append(htmlEscape(translation.url()))
                    .append("\" rel=\"noopener nofollow\">")
                    .append(htmlEscape(translation.url()))
                    .append("</a></p>");
        }
        return html.append("</article></body></html>\n").toString();
    }

    record IndexEntry(String path, String title, String summary, Notice notice) {}

    static String index(String language, List<IndexEntry> entries) {
        StringBuilder html = head(language, "ACCMR · " + language.toUpperCase(Locale.ROOT));
        html.append("<nav><a href=\"../index.html\">ACCMR</a></nav><ul>");
        for (IndexEntry entry : entries) {
            html.append("<li><a href=\"")
                    .append(htmlEscape(entry.path()))
                    .append("\">")
                    .append(htmlEscape(entry.title()))
                    .append("</a><br>")
                    .append(htmlEscape(entry.summary()))
                    .append("</li>");
        }
        return html.append("</ul></body></html>\n").toString();
    }

    static String root(List<String> languages) {
        StringBuilder html = head("el", "ACCMR");
        html.append("<h1>ACCMR</h1><ul>");
        for (String language : languages) {
            html.append("<li><a href=\"")
                    .append(language)
                    .append("/index.html\" lang=\"")
                    .append(language)
                    .append("\">")
                    .append(language)
                    .append("</a></li>");
        }
        return html.append("</ul></body></html>\n").toString();
    }

    private static StringBuilder head(String language, String title) {
        return new StringBuilder(2048)
                .append("<!DOCTYPE html>\n<html lang=\"")
                .append(htmlEscape(language))
                .append("\" dir=\"")
                .append(Languages.direction(language))
                .append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(htmlEscape(title))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body>");
    }
}
