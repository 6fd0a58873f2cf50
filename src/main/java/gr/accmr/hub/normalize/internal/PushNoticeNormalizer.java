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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;

/**
 * A notice a partner pushed (push-notice schema, already validated by the push API) to a notice
 * draft. Partners' HTML is sanitized like any other; their text is taken as text.
 */
final class PushNoticeNormalizer implements SourceNormalizer {

    @Override
    public String contentType() {
        return RawHeaders.PUSH_NOTICE;
    }

    @Override
    public Outcome normalize(RawRecord raw) {
        JsonNode push;
        try {
            push = NoticeJson.mapper().readTree(raw.bytes());
        } catch (IOException e) {
            throw new IllegalArgumentException("not a readable pushed notice: " + e.getMessage(), e);
        }
        if (!raw.id().externalId().equals(push.path("externalId").asText())) {
            throw new IllegalArgumentException("externalId of the body does not match the record key " + raw.id());
        }
        Instant published = instant(Fields.text(push, "publishedAt"));
        Instant updated = instant(Fields.text(push, "updatedAt"));
        Instant translationTime = updated != null ? updated : raw.receivedAt();
        Map<String, Translation> translations = new LinkedHashMap<>();
        Set<String> removed = new LinkedHashSet<>();
        var fields = push.path("translations").fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            String language = Languages.normalize(entry.getKey());
            if (entry.getValue().isNull()) {
                removed.add(language);
            } else {
                translations.put(language, translation(entry.getValue(), language, translationTime));
            }
        }
        String declaredOriginal = Fields.text(push, "originalLanguage");
        String original = declaredOriginal != null
                ? Languages.normalize(declaredOriginal)
                : translations.containsKey(Languages.normalize(raw.defaultLanguage()))
                        ? Languages.normalize(raw.defaultLanguage())
                        : translations.isEmpty()
                                ? ""
                                : translations.keySet().iterator().next();
        String url =
                translations.get(original) != null ? translations.get(original).url() : null;
        // Translations merge with the last version (a partner may send its Arabic text later); a
        // language pushed as null is withdrawn. Every other field is what this push says.
        return new Outcome.Draft(
                new Notice(
                        raw.id().toString(),
                        raw.id().partner(),
                        raw.id().externalId(),
                        Notice.Kind.of(
                                Fields.text(push, "kind") != null ? Fields.text(push, "kind") : raw.defaultKind()),
                        Notice.Status.PUBLISHED,
                        "urgent".equals(Fields.text(push, "urgency")) ? Notice.Urgency.URGENT : Notice.Urgency.NORMAL,
                        0,
                        "",
                        published,
                        updated != null ? updated : published,
                        instant(Fields.text(push, "validFrom")),
                        instant(Fields.text(push, "expiresAt")),
                        original,
                        translations,
                        categories(push),
                        location(push.get("location")),
                        url == null ? List.of() : List.of(new Notice.Link(url, "alternate", null)),
                        List.of(),
                        raw.source()),
                true,
                removed);
    }

    private static Translation translation(JsonNode node, String language, Instant pushTime) {
        String title = PlainText.ofText(node.path("title").asText());
        String url = Fields.httpUrl(Fields.text(node, "url"));
        String html = Fields.text(node, "bodyHtml") != null
                ? Fields.text(node, "bodyHtml")
                : Fields.text(node, "bodyText") != null
                        ? HtmlUtils.htmlEscape(Fields.text(node, "bodyText"), "UTF-8")
                        : "";
        String bodyHtml = HtmlSanitizer.sanitize(html, url);
        String bodyText = PlainText.ofSanitized(bodyHtml);
        String summary = Fields.text(node, "summary") != null
                ? PlainText.summary(PlainText.ofText(Fields.text(node, "summary")), language)
                : PlainText.summary(bodyText, language);
        Instant updated = instant(Fields.text(node, "updatedAt"));
        return new Translation(
                title,
                summary,
                bodyHtml,
                bodyText,
                Languages.direction(language),
                url,
                null,
                updated != null ? updated : pushTime,
                null);
    }

    private static List<String> categories(JsonNode push) {
        Set<String> categories = new LinkedHashSet<>();
        for (JsonNode category : push.path("categories")) {
            if (!category.asText().isBlank()) {
                categories.add(category.asText().strip().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(categories);
    }

    private static Notice.@Nullable Location location(@Nullable JsonNode location) {
        if (location == null || !location.isObject()) {
            return null;
        }
        JsonNode coordinates = location.path("point").path("coordinates");
        Notice.GeoPoint point = coordinates.size() == 2
                ? Notice.GeoPoint.of(
                        coordinates.get(0).asDouble(), coordinates.get(1).asDouble())
                : null;
        String address = Fields.text(location, "address");
        return point == null && address == null ? null : new Notice.Location(point, address);
    }

    private static @Nullable Instant instant(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO 8601 date-time with offset: " + value, e);
        }
    }
}
