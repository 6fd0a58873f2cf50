package gr.accmr.hub.ingest.push;

import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.ingest.RawDelivery;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.platform.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/partners/{partner}/notices} and {@code DELETE .../{externalId}}: partners push
 * notices, signed with Standard Webhooks. The request is checked here; {@link PushAcceptance} then
 * stores it and answers: 202 only once Kafka acknowledged the raw record, 200 only for a {@code
 * webhook-id} acknowledged before, 409 or 503 with {@code Retry-After} otherwise, within 10 s.
 */
@Tag(name = "Push API", description = "Partners push notices, signed with Standard Webhooks")
@RestController
class PushController {

    private static final String ROUTE = "push.";

    /** Standard Webhooks ids are short ({@code msg_...}); a bounded printable one is all the hub stores. */
    static final int MAX_WEBHOOK_ID_LENGTH = 255;

    private static final java.util.regex.Pattern WEBHOOK_ID =
            java.util.regex.Pattern.compile("[\\x21-\\x7e]{1," + MAX_WEBHOOK_ID_LENGTH + "}");

    private final PushProperties properties;
    private final PushAcceptance acceptance;
    private final PushRateLimits limits;
    private final Semaphore unverifiedBatches;

    /**
     * Checked for partners that do not exist, so that an unknown partner costs the same HMAC as a
     * known one with a wrong signature and gets the same answer: a caller without a secret cannot
     * tell which partner names are real.
     */
    private final List<String> dummySecrets = List.of(randomSecret());

    PushController(PushProperties properties, PushAcceptance acceptance, PushRateLimits limits) {
        this.properties = properties;
        this.acceptance = acceptance;
        this.limits = limits;
        this.unverifiedBatches = new Semaphore(properties.maxUnverifiedBatches(), true);
    }

    record Accepted(String noticeId, String webhookId, boolean duplicate) {}

    /** The notices of an accepted batch, in the order they came; for a duplicate, those of the request. */
    record AcceptedBatch(List<String> noticeIds, String webhookId, boolean duplicate) {}

    @Operation(
            summary = "Publish or update a notice",
            description = "Body: see GET /api/v1/schemas/push-notice.schema.json. Signed with the headers "
                    + "webhook-id, webhook-timestamp and webhook-signature (Standard Webhooks, HMAC-SHA256).",
            parameters = {
                @Parameter(in = ParameterIn.HEADER, name = "webhook-id", required = true),
                @Parameter(in = ParameterIn.HEADER, name = "webhook-timestamp", required = true),
                @Parameter(in = ParameterIn.HEADER, name = "webhook-signature", required = true)
            },
            responses = {
                @ApiResponse(
                        responseCode = "202",
                        description = "Accepted: Kafka acknowledged the record; normalization follows"),
                @ApiResponse(
                        responseCode = "200",
                        description = "Duplicate: Kafka acknowledged this webhook-id's record before; nothing written"),
                @ApiResponse(
                        responseCode = "400",
                        description = "Not JSON, or a webhook-id that is not 1 to 255 " + "printable ASCII characters"),
                @ApiResponse(
                        responseCode = "401",
                        description = "Missing or wrong signature, or an unknown partner (answered alike)"),
                @ApiResponse(
                        responseCode = "409",
                        description = "An earlier attempt with this webhook-id is still being stored; retry after "
                                + "Retry-After (at most 10 s) to learn its outcome",
                        headers = @Header(name = "Retry-After", description = "seconds")),
                @ApiResponse(responseCode = "413", description = "Body too large"),
                @ApiResponse(responseCode = "415", description = "Not application/json"),
                @ApiResponse(responseCode = "422", description = "Body does not match the schema; see errors"),
                @ApiResponse(
                        responseCode = "429",
                        description = "Too many requests",
                        headers = @Header(name = "Retry-After", description = "seconds")),
                @ApiResponse(
                        responseCode = "503",
                        description = "Not stored: Kafka or the database did not answer within 8 s, or too many "
                                + "pushes are in flight; send the same request again (same webhook-id)",
                        headers = @Header(name = "Retry-After", description = "seconds"))
            })
    @PostMapping(path = "/api/v1/partners/{partner}/notices", consumes = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<ResponseEntity<Accepted>> publish(@PathVariable String partner, HttpServletRequest request) {
        byte[] body = body(request, properties.maxBodyBytes());
        PushProperties.Partner settings = authenticate(partner, body, request);
        String webhookId = request.getHeader("webhook-id");
        @Nullable JsonNode json = json(body);
        if (json == null || !json.isObject()) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "Not a JSON object", "the body must be one notice object");
        }
        List<PushRequests.FieldError> errors = errors(json, "");
        if (!errors.isEmpty()) {
            throw Problems.of(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Invalid notice",
                    errors.size() + " field(s) do not match the push-notice schema",
                    Map.of("errors", errors));
        }
        NoticeId id = new NoticeId(partner, json.get("externalId").asText());
        return deliver(partner, settings, webhookId, id, RawHeaders.PUSH_NOTICE, body);
    }

    @Operation(
            summary = "Publish or update several notices at once",
            description = "Body: {\"notices\": [...]}, each element a notice as in POST .../notices, at most "
                    + "hub.push.max-batch-notices (500) of them; signed like a single push, the webhook-id naming "
                    + "the whole batch. All or nothing: one invalid notice refuses the batch (422, each error's "
                    + "pointer starting /notices/<index>), and 202 comes only once Kafka acknowledged every "
                    + "notice. A batch counts as one request for the partner's rate limit. Notices of one batch "
                    + "reach the channels in the order given.",
            parameters = {
                @Parameter(in = ParameterIn.HEADER, name = "webhook-id", required = true),
                @Parameter(in = ParameterIn.HEADER, name = "webhook-timestamp", required = true),
                @Parameter(in = ParameterIn.HEADER, name = "webhook-signature", required = true)
            },
            responses = {
                @ApiResponse(
                        responseCode = "202",
                        description = "Accepted: Kafka acknowledged every notice; normalization follows"),
                @ApiResponse(
                        responseCode = "200",
                        description = "Duplicate: this webhook-id's batch was acknowledged before; nothing written"),
                @ApiResponse(responseCode = "400", description = "Not JSON, or not {\"notices\": [...]}"),
                @ApiResponse(responseCode = "401", description = "Missing or wrong signature, or an unknown partner"),
                @ApiResponse(
                        responseCode = "409",
                        description = "An earlier attempt with this webhook-id is still being stored",
                        headers = @Header(name = "Retry-After", description = "seconds")),
                @ApiResponse(responseCode = "413", description = "Body larger than hub.push.max-batch-body-bytes"),
                @ApiResponse(
                        responseCode = "422",
                        description = "Empty, more notices than allowed, or a notice that does not match the "
                                + "schema; see errors"),
                @ApiResponse(
                        responseCode = "429",
                        description = "Too many requests",
                        headers = @Header(name = "Retry-After", description = "seconds")),
                @ApiResponse(
                        responseCode = "503",
                        description = "Not stored, or hub.push.max-unverified-batches batch bodies are being "
                                + "read already; send the same request again (same webhook-id)",
                        headers = @Header(name = "Retry-After", description = "seconds"))
            })
    @PostMapping(path = "/api/v1/partners/{partner}/notice-batches", consumes = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<ResponseEntity<AcceptedBatch>> publishBatch(
            @PathVariable String partner, HttpServletRequest request) {
        // A batch body is read before its signature can be checked: only a few are read at once,
        // so callers without a secret cannot fill the heap with large bodies. A signed batch gives
        // its place up once its signature and rate limit are checked.
        byte[] body;
        PushProperties.Partner settings;
        if (!placeToRead()) {
            throw PushAcceptance.unavailable("Busy", "too many batches are being received; retry");
        }
        try {
            body = body(request, properties.maxBatchBodyBytes());
            settings = authenticate(partner, body, request);
        } finally {
            unverifiedBatches.release();
        }
        return acceptBatch(partner, settings, body, request);
    }

    private boolean placeToRead() {
        try {
            return unverifiedBatches.tryAcquire(properties.unverifiedBatchWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private CompletableFuture<ResponseEntity<AcceptedBatch>> acceptBatch(
            String partner, PushProperties.Partner settings, byte[] body, HttpServletRequest request) {
        String webhookId = request.getHeader("webhook-id");
        @Nullable JsonNode json = json(body);
        if (json == null || !json.isObject() || !json.path("notices").isArray() || json.size() != 1) {
            throw Problems.of(
                    HttpStatus.BAD_REQUEST, "Not a batch", "the body must be {\"notices\": [...]} and nothing else");
        }
        JsonNode notices = json.get("notices");
        if (notices.isEmpty() || notices.size() > properties.maxBatchNotices()) {
            throw Problems.of(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    notices.isEmpty() ? "Empty batch" : "Batch too large",
                    "a batch holds 1 to " + properties.maxBatchNotices() + " notices; this one has " + notices.size());
        }
        List<PushRequests.FieldError> errors = new java.util.ArrayList<>();
        for (int i = 0; i < notices.size(); i++) {
            JsonNode notice = notices.get(i);
            if (!notice.isObject()) {
                errors.add(new PushRequests.FieldError("/notices/" + i, "must be a notice object"));
            } else {
                errors.addAll(errors(notice, "/notices/" + i));
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.of(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Invalid notices",
                    errors.size() + " field(s) do not match the push-notice schema; nothing was accepted",
                    Map.of("errors", errors));
        }
        List<RawDelivery> deliveries = new java.util.ArrayList<>(notices.size());
        List<String> ids = new java.util.ArrayList<>(notices.size());
        for (JsonNode notice : notices) {
            NoticeId id = new NoticeId(partner, notice.get("externalId").asText());
            ids.add(id.toString());
            byte[] bytes;
            try {
                bytes = NoticeJson.mapper().writeValueAsBytes(notice);
            } catch (IOException e) {
                throw new IllegalStateException("a parsed notice could not be written again", e);
            }
            deliveries.add(delivery(partner, settings, id, RawHeaders.PUSH_NOTICE, bytes));
        }
        List<String> noticeIds = List.copyOf(ids);
        return acceptance.deliver(webhookId, deliveries, new PushAcceptance.Answers<>() {
            @Override
            public ResponseEntity<AcceptedBatch> accepted() {
                return ResponseEntity.accepted().body(new AcceptedBatch(noticeIds, webhookId, false));
            }

            @Override
            public ResponseEntity<AcceptedBatch> duplicate(String storedNoticeId) {
                // Standard Webhooks: a webhook-id names one message, so its retry carries the same notices.
                return ResponseEntity.ok(new AcceptedBatch(noticeIds, webhookId, true));
            }
        });
    }

    @Operation(
            summary = "Retract a notice",
            description = "Channels remove it; the archive keeps it. The body is {\"externalId\": \"...\"} naming "
                    + "the notice of the path, and is signed like a POST's, so a signature covers which notice "
                    + "it retracts. Answered like POST (202, 200, 409, 503 as there).",
            parameters = {
                @Parameter(in = ParameterIn.HEADER, name = "webhook-id", required = true),
                @Parameter(in = ParameterIn.HEADER, name = "webhook-timestamp", required = true),
                @Parameter(in = ParameterIn.HEADER, name = "webhook-signature", required = true)
            },
            responses = {
                @ApiResponse(responseCode = "202", description = "Accepted: Kafka acknowledged the retraction"),
                @ApiResponse(responseCode = "200", description = "Duplicate webhook-id"),
                @ApiResponse(responseCode = "400", description = "No body, or not a JSON object"),
                @ApiResponse(responseCode = "401", description = "Missing or wrong signature, or an unknown partner"),
                @ApiResponse(responseCode = "413", description = "Body too large"),
                @ApiResponse(
                        responseCode = "422",
                        description = "The body's externalId is missing or is not the one in the path"),
                @ApiResponse(
                        responseCode = "429",
                        description = "Too many requests",
                        headers = @Header(name = "Retry-After", description = "seconds")),
                @ApiResponse(
                        responseCode = "503",
                        description = "Not stored; send the same request again",
                        headers = @Header(name = "Retry-After", description = "seconds"))
            })
    @DeleteMapping("/api/v1/partners/{partner}/notices/{externalId}")
    CompletableFuture<ResponseEntity<Accepted>> retract(
            @PathVariable String partner, @PathVariable String externalId, HttpServletRequest request) {
        byte[] body = body(request, properties.maxBodyBytes());
        PushProperties.Partner settings = authenticate(partner, body, request);
        String webhookId = request.getHeader("webhook-id");
        // The signature covers the body only: without the id in it, a captured signed DELETE could be
        // replayed against any other notice of the partner within the timestamp tolerance.
        @Nullable JsonNode json = body.length == 0 ? null : json(body);
        if (json == null || !json.isObject()) {
            throw Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "Retraction body required",
                    "the body must be {\"externalId\": \"" + externalId + "\"}, signed");
        }
        if (!json.path("externalId").isTextual()
                || !json.get("externalId").asText().equals(externalId)) {
            throw Problems.of(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Retraction does not match",
                    "the signed body's externalId must be the one in the path");
        }
        NoticeId id;
        try {
            id = new NoticeId(partner, externalId);
        } catch (IllegalArgumentException e) {
            throw Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid external id", e.getMessage());
        }
        byte[] retraction = NoticeJson.mapper()
                .createObjectNode()
                .put("externalId", externalId)
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        return deliver(partner, settings, webhookId, id, RawHeaders.RETRACTION, retraction);
    }

    @Operation(summary = "The JSON Schema of pushed notices")
    @GetMapping(path = "/api/v1/schemas/push-notice.schema.json", produces = "application/schema+json")
    String schema() {
        return PushRequests.schemaText();
    }

    private CompletableFuture<ResponseEntity<Accepted>> deliver(
            String partner,
            PushProperties.Partner settings,
            String webhookId,
            NoticeId id,
            String contentType,
            byte[] body) {
        // Answered from a push worker: the request thread goes back to serving feeds and the site.
        return acceptance.deliver(webhookId, delivery(partner, settings, id, contentType, body));
    }

    private static RawDelivery delivery(
            String partner, PushProperties.Partner settings, NoticeId id, String contentType, byte[] body) {
        return new RawDelivery(
                id, ROUTE + partner, contentType, body, null, null, settings.defaultLanguage(), settings.defaultKind());
    }

    /** What is wrong with one notice, by the schema and then across its fields; pointers under {@code prefix}. */
    private static List<PushRequests.FieldError> errors(JsonNode notice, String prefix) {
        List<PushRequests.FieldError> errors = new java.util.ArrayList<>(PushRequests.validate(notice));
        if (errors.isEmpty()) {
            errors.addAll(PushRequests.crossCheck(notice));
        }
        if (prefix.isEmpty()) {
            return errors;
        }
        return errors.stream()
                .map(error -> new PushRequests.FieldError(prefix + error.pointer(), error.message()))
                .toList();
    }

    /** The body as JSON, or 400 with the parser's reason. */
    private static @Nullable JsonNode json(byte[] body) {
        try {
            return NoticeJson.mapper().readTree(body);
        } catch (IOException e) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "Not JSON", String.valueOf(e.getMessage()));
        }
    }

    private byte[] body(HttpServletRequest request, int max) {
        if (request.getContentLengthLong() > max) {
            throw tooLarge(max);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                throw tooLarge(max);
            }
            return body;
        } catch (IOException e) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "Unreadable body", e.getMessage());
        }
    }

    /**
     * Checks the webhook-id's form, the signature (against a dummy secret for an unknown partner, so
     * both fail alike), then the partner's rate; returns the partner's settings.
     */
    private PushProperties.Partner authenticate(String partner, byte[] body, HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            String value = request.getHeader(name);
            if (value != null) {
                headers.put(name, List.of(value));
            }
        }
        String webhookId = request.getHeader("webhook-id");
        if (webhookId != null && !WEBHOOK_ID.matcher(webhookId).matches()) {
            throw Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "Invalid webhook-id",
                    "webhook-id must be 1 to " + MAX_WEBHOOK_ID_LENGTH + " printable ASCII characters");
        }
        PushProperties.Partner settings = properties.partners().get(partner);
        boolean known = settings != null && !settings.secrets().isEmpty();
        boolean verified =
                headers.size() == 3 && PushRequests.verify(known ? settings.secrets() : dummySecrets, body, headers);
        if (!known || !verified) {
            throw Problems.of(
                    HttpStatus.UNAUTHORIZED,
                    "Bad signature",
                    "webhook-id, webhook-timestamp (within 5 minutes) and a valid webhook-signature are required");
        }
        // Limited after the signature check, so nobody but the partner can use up its quota.
        OptionalLong wait;
        try {
            wait = limits.tryAcquire(partner, settings.requestsPerMinute());
        } catch (RuntimeException databaseDown) {
            // The limits live in PostgreSQL: while it is away, the push could not be stored anyway.
            ErrorResponseException problem = Problems.of(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Database unavailable",
                    "the hub cannot check its rate limits; retry");
            problem.getHeaders().set("Retry-After", String.valueOf(PushAcceptance.RETRY_AFTER.toSeconds()));
            throw problem;
        }
        if (wait.isPresent()) {
            ErrorResponseException problem = Problems.of(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Too many requests",
                    "at most " + settings.requestsPerMinute() + " requests per minute");
            problem.getHeaders().set("Retry-After", String.valueOf(wait.getAsLong()));
            throw problem;
        }
        return settings;
    }

    private static String randomSecret() {
        byte[] key = new byte[24];
        new java.security.SecureRandom().nextBytes(key);
        return "whsec_" + java.util.Base64.getEncoder().encodeToString(key);
    }

    private static ErrorResponseException tooLarge(int max) {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Body too large", "at most " + max + " bytes");
    }
}
