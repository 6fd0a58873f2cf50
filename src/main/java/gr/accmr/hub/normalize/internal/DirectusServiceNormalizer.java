package gr.accmr.hub.normalize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.notice.Translation;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;

/**
 * A Directus service item (the Refugee.Info service map) to a notice draft of kind {@code service}:
 * the item's own name and description in the partner's default language, one translation per
 * entry of {@code translations}, its GeoJSON point and address, and its opening hours and contacts
 * appended to every translation's body as a small definition list.
 *
 * <p>Field names follow the Refugee.Info collection; where services are kept differently
 * elsewhere the alternatives are read too: {@code languages_code} for {@code languages_id},
 * {@code website} for {@code url}, contacts as a list or as {@code phone}/{@code email} fields.
 */
final class DirectusServiceNormalizer implements SourceNormalizer {

    private static final String PUBLISHED = "published";

    /** Labels of the appended details in the languages the partners publish in; English otherwise. */
    private static final Map<String, Labels> LABELS = Map.of(
            "en", new Labels("Address", "Opening hours", "Phone", "Email", "Website"),
            "el", new Labels("Διεύθυνση", "Ωράριο λειτουργίας", "Τηλέφωνο", "Email", "Ιστότοπος"),
            "ar", new Labels("العنوان", "ساعات العمل", "الهاتف", "البريد الإلكتروني", "الموقع الإلكتروني"),
            "fa", new Labels("نشانی", "ساعات کاری", "تلفن", "ایمیل", "وب‌سایت"),
            "ur", new Labels("پتہ", "اوقاتِ کار", "فون", "ای میل", "ویب سائٹ"),
            "uk", new Labels("Адреса", "Години роботи", "Телефон", "Ел. пошта", "Вебсайт"),
            "fr", new Labels("Adresse", "Horaires d'ouverture", "Téléphone", "E-mail", "Site web"));

    private record Labels(String address, String hours, String phone, String email, String website) {}

    /** One way to reach the service: its type (phone, email, website, whatsapp, ...) and value. */
    private record Contact(String type, String value) {}

    @Override
    public String contentType() {
        return RawHeaders.DIRECTUS_ITEM;
    }

    @Override
    public Outcome normalize(RawRecord raw) {
        JsonNode item = parse(raw.bytes());
        // Ingest sends withdrawn items as retractions; a replayed old record may still say so itself.
        String status = Fields.text(item, "status");
        if (status != null && !status.equals(PUBLISHED)) {
            return new Outcome.Retraction(raw.id());
        }
        return new Outcome.Draft(draft(raw, item));
    }

    Notice draft(RawRecord raw, JsonNode item) {
        String url = Fields.httpUrl(firstText(item, "url", "website"));
        String address = Fields.text(item, "address");
        List<String> hours = openingHours(item.get("opening_hours"));
        List<Contact> contacts = contacts(item);

        Map<String, Translation> translations = new LinkedHashMap<>();
        JsonNode entries = item.get("translations");
        if (entries != null && entries.isArray()) {
            for (JsonNode entry : entries) {
                String language = language(entry);
                if (language != null && !translations.containsKey(language)) {
                    translation(entry, language, url, raw.sourceUrl(), address, hours, contacts)
                            .ifPresent(translation -> translations.put(language, translation));
                }
            }
        } else if (entries != null && !entries.isNull()) {
            throw new IllegalArgumentException("Directus item has 'translations' that is not a list");
        }
        // The item's own fields are its default-language version; an explicit translation entry in
        // that language is more specific and wins.
        String defaultLanguage = Languages.normalize(raw.defaultLanguage());
        if (!translations.containsKey(defaultLanguage)) {
            translation(item, defaultLanguage, url, raw.sourceUrl(), address, hours, contacts)
                    .ifPresent(translation -> translations.put(defaultLanguage, translation));
        }
        if (translations.isEmpty()) {
            throw new IllegalArgumentException("Directus item has no name in any language");
        }
        String original = translations.containsKey(defaultLanguage)
                ? defaultLanguage
                : translations.keySet().iterator().next();

        Instant created = instant(Fields.text(item, "date_created"));
        Instant updated = instant(Fields.text(item, "date_updated"));
        Notice.GeoPoint point = point(item.get("location"));
        return raw.draft(
                Notice.Kind.SERVICE,
                created,
                updated,
                original,
                translations,
                categories(item.get("categories")),
                point == null && address == null ? null : new Notice.Location(point, address),
                url == null ? List.of() : List.of(new Notice.Link(url, "alternate", null)),
                List.of());
    }

    private static JsonNode parse(byte[] bytes) {
        JsonNode item;
        try {
            item = NoticeJson.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a readable Directus item: " + e.getMessage(), e);
        }
        if (item == null || !item.isObject()) {
            throw new IllegalArgumentException("a Directus item must be a JSON object");
        }
        return item;
    }

    /** The translation an object with {@code name} and {@code description} makes, if it has a name or text. */
    private static Optional<Translation> translation(
            JsonNode fields,
            String language,
            @Nullable String url,
            @Nullable String sourceUrl,
            @Nullable String address,
            List<String> hours,
            List<Contact> contacts) {
        String description = Fields.text(fields, "description");
        String descriptionHtml =
                description == null ? "" : HtmlSanitizer.sanitize(description, url != null ? url : sourceUrl);
        String descriptionText = PlainText.ofSanitized(descriptionHtml);
        String name = Fields.text(fields, "name");
        // The name is text, not markup: escaped first, so "<" in a name stays a character.
        String title = name == null ? "" : PlainText.ofText(name);
        if (title.isEmpty() && descriptionText.isEmpty()) {
            return Optional.empty();
        }
        // Details are appended per language: a translation without them would send readers of that
        // language back to the English version for the phone number.
        String bodyHtml = descriptionHtml + details(language, address, hours, contacts);
        String bodyText = PlainText.ofSanitized(bodyHtml);
        // A summary of the description reads better in a list than one that ends in a phone number.
        String summary = PlainText.summary(descriptionText.isEmpty() ? bodyText : descriptionText, language);
        return Optional.of(new Translation(
                title.isEmpty() ? PlainText.summary(descriptionText, language) : title,
                summary,
                bodyHtml,
                bodyText,
                Languages.direction(language),
                url));
    }

    /**
     * Address, opening hours and contacts as a sanitized definition list. Built from escaped text
     * and then sanitized like any partner HTML, so a hostile phone number cannot smuggle markup.
     */
    private static String details(
            String language, @Nullable String address, List<String> hours, List<Contact> contacts) {
        Labels labels = LABELS.getOrDefault(language, LABELS.get("en"));
        StringBuilder html = new StringBuilder();
        if (address != null) {
            html.append("<dt>").append(escape(labels.address())).append("</dt><dd>");
            html.append(escape(address)).append("</dd>");
        }
        if (!hours.isEmpty()) {
            html.append("<dt>").append(escape(labels.hours())).append("</dt>");
            hours.forEach(line -> html.append("<dd>").append(escape(line)).append("</dd>"));
        }
        for (Contact contact : contacts) {
            html.append(contactHtml(contact, labels));
        }
        return html.isEmpty() ? "" : HtmlSanitizer.sanitize("<dl>" + html + "</dl>", null);
    }

    private static String contactHtml(Contact contact, Labels labels) {
        String value = escape(contact.value());
        return switch (contact.type()) {
            case "phone", "tel", "telephone", "mobile" -> {
                String number = contact.value().replaceAll("[^0-9+]", "");
                yield "<dt>" + escape(labels.phone()) + "</dt><dd>"
                        + (number.isEmpty() ? value : "<a href=\"tel:" + number + "\">" + value + "</a>") + "</dd>";
            }
            case "email", "e-mail", "mail" ->
                "<dt>" + escape(labels.email()) + "</dt><dd><a href=\"mailto:" + value + "\">" + value + "</a></dd>";
            case "website", "url", "web" -> {
                String href = Fields.httpUrl(contact.value());
                yield "<dt>" + escape(labels.website()) + "</dt><dd>"
                        + (href == null ? value : "<a href=\"" + escape(href) + "\">" + value + "</a>") + "</dd>";
            }
            default -> "<dt>" + escape(label(contact.type())) + "</dt><dd>" + value + "</dd>";
        };
    }

    /** {@code whatsapp} → {@code WhatsApp}-ish: the type as the partner named it, capitalized. */
    private static String label(String type) {
        return type.isEmpty() ? type : type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1);
    }

    /**
     * Opening hours as lines: free text, a list of {@code {day, open, close}} (or {@code hours})
     * entries, a list of lines, or an object of day → hours.
     */
    private static List<String> openingHours(@Nullable JsonNode hours) {
        List<String> lines = new ArrayList<>();
        if (hours == null || hours.isNull()) {
            return lines;
        }
        if (hours.isTextual()) {
            hours.asText()
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .forEach(lines::add);
        } else if (hours.isArray()) {
            for (JsonNode entry : hours) {
                if (entry.isTextual() && !entry.asText().isBlank()) {
                    lines.add(entry.asText().strip());
                } else if (entry.isObject()) {
                    String day = firstText(entry, "day", "days");
                    String open = firstText(entry, "open", "opens", "from");
                    String close = firstText(entry, "close", "closes", "to");
                    String times = open != null && close != null ? open + "–" + close : firstText(entry, "hours");
                    if (day != null || times != null) {
                        lines.add(day == null ? times : times == null ? day : day + ": " + times);
                    }
                }
            }
        } else if (hours.isObject()) {
            hours.fields().forEachRemaining(day -> {
                if (day.getValue().isValueNode() && !day.getValue().asText().isBlank()) {
                    lines.add(day.getKey() + ": " + day.getValue().asText().strip());
                }
            });
        }
        return lines;
    }

    /** Contacts from a {@code contacts} list of {@code {type, value}} and the plain contact fields. */
    private static List<Contact> contacts(JsonNode item) {
        Set<Contact> contacts = new LinkedHashSet<>();
        JsonNode list = item.get("contacts");
        if (list != null && list.isArray()) {
            for (JsonNode entry : list) {
                String type = Fields.text(entry, "type");
                String value = Fields.text(entry, "value");
                if (type != null && value != null) {
                    contacts.add(new Contact(type.toLowerCase(Locale.ROOT), value));
                }
            }
        }
        for (String field : List.of("phone", "email")) {
            String value = Fields.text(item, field);
            if (value != null) {
                contacts.add(new Contact(field, value));
            }
        }
        return List.copyOf(contacts);
    }

    /** Category names, lower case: plain strings, objects with a name, or Directus junction rows. */
    private static List<String> categories(@Nullable JsonNode categories) {
        Set<String> names = new LinkedHashSet<>();
        if (categories != null && categories.isArray()) {
            for (JsonNode category : categories) {
                String name = categoryName(category);
                if (name != null) {
                    names.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(names);
    }

    private static @Nullable String categoryName(JsonNode category) {
        if (category.isTextual()) {
            return category.asText().isBlank() ? null : category.asText().strip();
        }
        if (!category.isObject()) {
            return null;
        }
        String name = firstText(category, "name", "slug", "title");
        if (name != null) {
            return name;
        }
        // A many-to-many junction row: {"categories_id": {"name": ...}}.
        for (JsonNode value : category) {
            if (value.isObject()) {
                String nested = firstText(value, "name", "slug", "title");
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    /** The normalized language of a translation entry; null (and the entry skipped) when unusable. */
    private static @Nullable String language(JsonNode entry) {
        JsonNode reference = entry.has("languages_id") ? entry.get("languages_id") : entry.get("languages_code");
        String code = null;
        if (reference != null && reference.isTextual()) {
            code = reference.asText();
        } else if (reference != null && reference.isObject()) {
            code = Fields.text(reference, "code");
        }
        if (code == null) {
            return null;
        }
        try {
            return Languages.normalize(code);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /** GeoJSON {@code {"type":"Point","coordinates":[lon, lat]}}; null when absent or out of range. */
    private static Notice.@Nullable GeoPoint point(@Nullable JsonNode location) {
        if (location == null || !location.isObject() || !"Point".equals(Fields.text(location, "type"))) {
            return null;
        }
        JsonNode coordinates = location.get("coordinates");
        if (coordinates == null
                || !coordinates.isArray()
                || coordinates.size() < 2
                || !coordinates.get(0).isNumber()
                || !coordinates.get(1).isNumber()) {
            return null;
        }
        // GeoJSON is longitude first. A swapped pair for Athens is still in range, so only range is checked.
        double longitude = coordinates.get(0).asDouble();
        double latitude = coordinates.get(1).asDouble();
        if (!(longitude >= -180 && longitude <= 180 && latitude >= -90 && latitude <= 90)) {
            return null;
        }
        return Notice.GeoPoint.of(longitude, latitude);
    }

    /** ISO date-times with or without an offset; Directus writes {@code datetime} fields without one, in UTC. */
    private static @Nullable Instant instant(@Nullable String value) {
        return PartnerDates.parseLeniently(value, ZoneOffset.UTC);
    }

    private static @Nullable String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = Fields.text(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** A non-blank scalar field as stripped text. */
    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
