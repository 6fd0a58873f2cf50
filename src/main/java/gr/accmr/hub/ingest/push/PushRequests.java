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
                .map(message -> new FieldError(
                        message.getInstanceLocation()
                                .toString()
                                .replace("$", "")
                                .replace('.', '/'),
                        message.getMessage()))
                .sorted(Comparator.comparing(FieldError::pointer))
                .toList();
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
