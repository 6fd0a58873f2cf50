package gr.accmr.hub.normalize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.notice.Translation;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A Zendesk Help Center article bundle (see {@code ZendeskPoller}: {@code articleId}, {@code
 * sourceLocale}, {@code articles} and optionally {@code translations}, the objects as Zendesk
 * returned them) to one notice with a translation per locale.
 *
 * <p>Where a locale appears more than once (as an article and as a translation object, or as two
 * regional variants of one language) the most recently updated object wins. Draft locales are left
 * out; a draft source locale withdraws the whole notice. Outdated translations stay: Refugee.Info
 * shows them too, and an older text in a reader's language beats none. Each translation keeps its
 * own time ({@code edited_at}, else {@code updated_at}) and Zendesk's {@code outdated} mark.
 */
final class ZendeskArticleNormalizer implements SourceNormalizer {

    @Override
    public String contentType() {
        return RawHeaders.ZENDESK_ARTICLE;
    }

    @Override
    public Outcome normalize(RawRecord raw) {
        JsonNode bundle = parse(raw.bytes());
        String articleId = bundle.path("articleId").asText("");
        // The key and the bundle must agree, or a mix-up would overwrite another notice.
        if (!articleId.equals(raw.id().externalId())) {
            throw new IllegalArgumentException("bundle of article " + articleId + " under the key " + raw.id());
        }
        List<JsonNode> objects = new ArrayList<>();
        bundle.path("articles").forEach(objects::add);
        bundle.path("translations").forEach(objects::add);
        if (objects.isEmpty()) {
            throw new IllegalArgumentException("Zendesk bundle of article " + articleId + " holds no article");
        }
        String sourceLocale = text(bundle, "sourceLocale");
        if (sourceLocale == null) {
            sourceLocale = text(objects.get(0), "source_locale");
        }
        Map<String, JsonNode> byLanguage = freshestPerLanguage(objects);
        String original =
                sourceLocale != null ? Languages.normalize(sourceLocale) : Languages.normalize(raw.defaultLanguage());
        JsonNode source = byLanguage.get(original);
        if (source != null && source.path("draft").asBoolean(false)) {
            return new Outcome.Retraction(raw.id());
        }

        Map<String, Translation> translations = new TreeMap<>();
        Instant updatedAt = null;
        for (Map.Entry<String, JsonNode> entry : byLanguage.entrySet()) {
            JsonNode object = entry.getValue();
            if (object.path("draft").asBoolean(false)) {
                continue;
            }
            translations.put(entry.getKey(), translation(entry.getKey(), object));
            updatedAt = latest(updatedAt, instant(text(object, "updated_at")));
            updatedAt = latest(updatedAt, instant(text(object, "edited_at")));
        }
        if (translations.isEmpty()) {
            return new Outcome.Retraction(raw.id());
        }
        if (!translations.containsKey(original)) {
            original = translations.keySet().iterator().next();
        }
        // Article-level fields (labels, creation) are the same in every locale; prefer the source's.
        JsonNode article = articleObject(bundle, sourceLocale);
        String url = translations.get(original).url();
        Instant created = instant(text(article, "created_at"));
        return new Outcome.Draft(raw.draft(
                Notice.Kind.of(raw.defaultKind()),
                created,
                updatedAt,
                original,
                translations,
                categories(article),
                null,
                url == null ? List.of() : List.of(new Notice.Link(url, "alternate", null)),
                List.of()));
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            JsonNode bundle = NoticeJson.mapper().readTree(bytes);
            if (bundle == null || !bundle.isObject()) {
                throw new IllegalArgumentException("Zendesk bundle is not a JSON object");
            }
            return bundle;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a readable Zendesk bundle: " + e.getMessage(), e);
        }
    }

    /** Normalized language → the most recently updated object in it; ties go to the earlier (an article). */
    private static Map<String, JsonNode> freshestPerLanguage(List<JsonNode> objects) {
        Map<String, JsonNode> byLanguage = new TreeMap<>();
        for (JsonNode object : objects) {
            String locale = text(object, "locale");
            if (locale == null) {
                throw new IllegalArgumentException("Zendesk article or translation without a locale");
            }
            String language = Languages.normalize(locale);
            JsonNode before = byLanguage.get(language);
            if (before == null || isAfter(instant(text(object, "updated_at")), instant(text(before, "updated_at")))) {
                byLanguage.put(language, object);
            }
        }
        return byLanguage;
    }

    private static Translation translation(String language, JsonNode object) {
        String url = Fields.httpUrl(text(object, "html_url"));
        // A Zendesk title is plain text: escaped first, so that "<" in it stays a character.
        String title = PlainText.ofText(object.path("title").asText(""));
        String bodyHtml = HtmlSanitizer.sanitize(object.path("body").asText(""), url);
        String bodyText = PlainText.ofSanitized(bodyHtml);
        if (title.isEmpty() && bodyText.isEmpty()) {
            throw new IllegalArgumentException("Zendesk " + language + " text has neither a title nor a body");
        }
        String summary = PlainText.summary(bodyText, language);
        // edited_at moves only when the text does; updated_at also when labels or settings change.
        Instant edited = instant(text(object, "edited_at"));
        JsonNode outdated = object.path("outdated");
        return new Translation(
                title.isEmpty() ? summary : title,
                summary,
                bodyHtml,
                bodyText,
                Languages.direction(language),
                url,
                null,
                edited != null ? edited : instant(text(object, "updated_at")),
                outdated.isBoolean() ? outdated.asBoolean() : null);
    }

    /** The article object in the source locale, else the first article object, else anything. */
    private static JsonNode articleObject(JsonNode bundle, @Nullable String sourceLocale) {
        JsonNode first = null;
        for (JsonNode article : bundle.path("articles")) {
            if (sourceLocale != null && sourceLocale.equalsIgnoreCase(text(article, "locale"))) {
                return article;
            }
            if (first == null) {
                first = article;
            }
        }
        return first != null ? first : bundle.path("translations").path(0);
    }

    private static List<String> categories(JsonNode article) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode label : article.path("label_names")) {
            if (label.isTextual() && !label.asText().isBlank()) {
                names.add(label.asText().strip().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(names);
    }

    private static @Nullable Instant instant(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a Zendesk time: " + text, e);
        }
    }

    private static boolean isAfter(@Nullable Instant candidate, @Nullable Instant current) {
        return candidate != null && (current == null || candidate.isAfter(current));
    }

    private static @Nullable Instant latest(@Nullable Instant current, @Nullable Instant candidate) {
        return isAfter(candidate, current) ? candidate : current;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
