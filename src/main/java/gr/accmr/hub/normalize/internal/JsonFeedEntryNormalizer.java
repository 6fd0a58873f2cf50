package gr.accmr.hub.normalize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.notice.Translation;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;

/** A JSON Feed document holding one item, as ingest cuts it from a partner's JSON Feed, to a notice draft. */
final class JsonFeedEntryNormalizer implements SourceNormalizer {

    @Override
    public String contentType() {
        return RawHeaders.JSON_FEED_ENTRY;
    }

    @Override
    public Outcome normalize(RawRecord raw) {
        JsonNode feed;
        try {
            feed = gr.accmr.hub.notice.NoticeJson.mapper().readTree(raw.bytes());
        } catch (IOException e) {
            throw new IllegalArgumentException("not a readable JSON Feed item: " + e.getMessage(), e);
        }
        JsonNode items = feed.path("items");
        if (!items.isArray() || items.size() != 1) {
            throw new IllegalArgumentException("expected exactly one JSON Feed item, found " + items.size());
        }
        JsonNode item = items.get(0);
        String url = Fields.httpUrl(Fields.text(item, "url"), raw.sourceUrl());
        String html = Fields.text(item, "content_html") != null
                ? Fields.text(item, "content_html")
                : Fields.text(item, "content_text") != null
                        ? HtmlUtils.htmlEscape(Fields.text(item, "content_text"), "UTF-8")
                        : "";
        String bodyHtml = HtmlSanitizer.sanitize(html, url != null ? url : raw.sourceUrl());
        String bodyText = PlainText.ofSanitized(bodyHtml);
        String title = Fields.text(item, "title") == null ? "" : PlainText.ofText(Fields.text(item, "title"));
        if (title.isEmpty() && bodyText.isEmpty()) {
            throw new IllegalArgumentException("JSON Feed item has neither a title nor any text");
        }
        Fields.LanguageChoice choice = Fields.language(
                raw.declaredLanguage(), Fields.text(feed, "language"), title + "\n" + bodyText, raw.defaultLanguage());
        String language = choice.tag();
        String summary = Fields.text(item, "summary") != null
                ? PlainText.summary(PlainText.ofText(Fields.text(item, "summary")), language)
                : PlainText.summary(bodyText, language);
        Translation translation = Fields.translation(title, summary, bodyHtml, bodyText, choice, url);
        Instant published = instant(Fields.text(item, "date_published"));
        Instant updated = instant(Fields.text(item, "date_modified"));
        return new Outcome.Draft(raw.draft(
                Notice.Kind.of(raw.defaultKind()),
                published,
                updated,
                language,
                Map.of(language, translation),
                tags(item),
                null,
                url == null ? List.of() : List.of(new Notice.Link(url, "alternate", null)),
                attachments(item)));
    }

    private static List<String> tags(JsonNode item) {
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode tag : item.path("tags")) {
            if (tag.isTextual() && !tag.asText().isBlank()) {
                tags.add(tag.asText().strip().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(tags);
    }

    private static List<Notice.Attachment> attachments(JsonNode item) {
        List<Notice.Attachment> attachments = new ArrayList<>();
        for (JsonNode attachment : item.path("attachments")) {
            String url = Fields.httpUrl(Fields.text(attachment, "url"));
            if (url != null) {
                attachments.add(new Notice.Attachment(
                        url,
                        Fields.text(attachment, "mime_type"),
                        attachment.path("size_in_bytes").canConvertToLong()
                                ? attachment.get("size_in_bytes").asLong()
                                : null,
                        Fields.text(attachment, "title")));
            }
        }
        return attachments;
    }

    /** RFC 3339 as JSON Feed requires, or whatever else partners write; unreadable: none. */
    private static @Nullable Instant instant(@Nullable String value) {
        return PartnerDates.parseLeniently(value, Fields.PARTNER_ZONE);
    }
}
