package gr.accmr.hub.ingest.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import gr.accmr.hub.notice.NoticeJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the push API checks about a request, as plain code: Standard Webhooks signatures (with the
 * library; several secrets and several signatures for key rotation, five minutes' tolerance), and
 * the body against the published JSON Schema.
 */
final class PushRequests {

    static final String SCHEMA_RESOURCE = "/schemas/push-notice.schema.json";
    private static final JsonSchema SCHEMA = loadSchema();

    /** One field error: a JSON pointer into the body and what is wrong there. */
    record FieldError(String pointer, String message) {}

    private PushRequests() {}

    /**
     * Whether any of the partner's secrets signed this payload. The library checks the timestamp
     * (±5 minutes) and compares signatures in constant time.
     */
    static boolean verify(List<String> secrets, byte[] payload, Map<String, List<String>> headers) {
        String body = new String(payload, StandardCharsets.UTF_8);
        for (String secret : secrets) {
            try {
                new Webhook(secret).verify(body, headers);
                return true;
            } catch (WebhookVerificationException wrongSecretOrBadSignature) {
                // Try the next secret: during a rotation the partner may still sign with the old one.
            } catch (IllegalArgumentException misconfiguredSecret) {
                // A secret that is not valid base64 can verify nothing; the others may.
            }
        }
        return false;
    }

    /** The body's field errors against the schema, sorted by pointer; empty when valid. */
    static List<FieldError> validate(JsonNode body) {
        Set<ValidationMessage> messages = SCHEMA.validate(body);
        return messages.stream()
                .map(message ->
                        new FieldError(pointer(message.getInstanceLocation().toString()), message.getMessage()))
                .sorted(Comparator.comparing(FieldError::pointer))
                .toList();
    }

    /**
     * Rules the validator does not enforce: dates are RFC 3339 date-times (in 2020-12 {@code format}
     * is only an annotation), and the original language is one of the translations.
     */
    static List<FieldError> crossCheck(JsonNode body) {
        List<FieldError> errors = new java.util.ArrayList<>();
        for (String field : List.of("publishedAt", "updatedAt", "validFrom", "expiresAt")) {
            dateTime("/" + field, body.get(field)).ifPresent(errors::add);
        }
        body.path("translations")
                .fields()
                .forEachRemaining(translation -> dateTime(
                                "/translations/" + translation.getKey() + "/updatedAt",
                                translation.getValue().get("updatedAt"))
                        .ifPresent(errors::add));
        errors.addAll(originalLanguage(body));
        return errors;
    }

    private static java.util.Optional<FieldError> dateTime(String pointer, @Nullable JsonNode value) {
        if (value != null && !value.isNull()) {
            try {
                java.time.OffsetDateTime.parse(value.asText());
            } catch (java.time.format.DateTimeParseException e) {
                return java.util.Optional.of(new FieldError(pointer, "is not an RFC 3339 date-time with offset"));
            }
        }
        return java.util.Optional.empty();
    }

    private static List<FieldError> originalLanguage(JsonNode body) {
        JsonNode original = body.get("originalLanguage");
        if (original == null || original.isNull()) {
            return List.of();
        }
        try {
            String language = gr.accmr.hub.notice.Languages.normalize(original.asText());
            var translations = body.path("translations").fields();
            while (translations.hasNext()) {
                var translation = translations.next();
                if (gr.accmr.hub.notice.Languages.normalize(translation.getKey())
                                .equals(language)
                        && !translation.getValue().isNull()) {
                    return List.of();
                }
            }
        } catch (IllegalArgumentException e) {
            return List.of(new FieldError("/originalLanguage", e.getMessage()));
        }
        return List.of(new FieldError("/originalLanguage", "names a language that has no translation"));
    }

    /** {@code $.translations.ar} or {@code $.categories[1]} as a JSON Pointer: {@code /translations/ar}, {@code /categories/1}. */
    static String pointer(String path) {
        String pointer =
                path.replaceFirst("^\\$", "").replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
        return pointer.isEmpty() ? "/" : pointer;
    }

    static String schemaText() {
        try (InputStream in = PushRequests.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema loadSchema() {
        try {
            JsonNode schema = NoticeJson.mapper().readTree(schemaText());
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
