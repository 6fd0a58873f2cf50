package gr.accmr.hub.console;

import gr.accmr.hub.platform.Audit;
import gr.accmr.hub.platform.Failures;
import gr.accmr.hub.platform.Problems;
import gr.accmr.hub.platform.Stages;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API of the dead letters, for operators: list, show, replay one or all matching a filter,
 * discard. A replay runs the original record through exactly the stage it failed in, once; every
 * action is audited.
 */
@Tag(name = "Dead letters", description = "Records a stage could not process: inspect, replay, discard")
@RestController
class DeadLetterController {

    static final int PREVIEW_BYTES = 4096;
    static final int MAX_REPLAY_ALL = 1000;

    private final DeadLetters letters;
    private final Stages stages;
    private final Audit audit;

    DeadLetterController(DeadLetters letters, Stages stages, Audit audit) {
        this.letters = letters;
        this.stages = stages;
        this.audit = audit;
    }

    record Page(long total, List<DeadLetters.Letter> letters) {}

    record Detail(
            DeadLetters.Letter letter,
            Map<String, String> headers,
            String preview,
            boolean previewTruncated,
            boolean binary) {}

    record Replayed(long id, String status, @Nullable String reason) {}

    record ReplayAll(int replayed, int failed, int skipped, boolean stoppedByOutage, List<Replayed> letters) {}

    @Operation(summary = "List dead letters, newest first, optionally filtered")
    @GetMapping("/api/v1/admin/dead-letters")
    Page list(
            @RequestParam(required = false) @Nullable String stage,
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable String reason,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
            @RequestParam(defaultValue = "open") String status,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        DeadLetters.Filter filter =
                new DeadLetters.Filter(stage, partner, reason, from, to, status.equals("all") ? null : status);
        return new Page(
                letters.count(filter), letters.list(filter, Math.max(1, Math.min(limit, 500)), Math.max(0, offset)));
    }

    @Operation(summary = "One dead letter with its headers and an escaped preview of its bytes")
    @GetMapping("/api/v1/admin/dead-letters/{id}")
    Detail show(@PathVariable long id) {
        DeadLetters.Letter letter = find(id);
        ConsumerRecord<String, byte[]> stored = letters.stored(letter)
                .orElseThrow(() -> Problems.of(
                        HttpStatus.GONE, "No longer on Kafka", "the dead letter's record is past its retention"));
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : stored.headers()) {
            headers.put(
                    header.key(),
                    header.value() == null ? "" : preview(header.value(), 1024).text());
        }
        byte[] value = letter.byReference()
                ? letters.original(letter).map(ConsumerRecord::value).orElse(new byte[0])
                : stored.value();
        Preview preview = preview(value == null ? new byte[0] : value, PREVIEW_BYTES);
        return new Detail(letter, headers, preview.text(), preview.truncated(), preview.binary());
    }

    @Operation(
            summary = "Replay one dead letter into the stage it failed in",
            responses = {
                @ApiResponse(responseCode = "200", description = "Processed: the letter is replayed"),
                @ApiResponse(responseCode = "409", description = "Already replayed, replaying or discarded: no effect"),
                @ApiResponse(
                        responseCode = "422",
                        description = "Failed again; the letter stays open with the new reason"),
                @ApiResponse(responseCode = "503", description = "Something the stage needs is down; retry later")
            })
    @PostMapping("/api/v1/admin/dead-letters/{id}/replay")
    Replayed replay(@PathVariable long id, HttpServletRequest request) {
        DeadLetters.Letter letter = find(id);
        Replayed outcome = replayOne(letter, request);
        switch (outcome.status()) {
            case "replayed" -> {
                return outcome;
            }
            case "conflict" ->
                throw Problems.of(
                        HttpStatus.CONFLICT,
                        "Not open",
                        "dead letter " + id + " is " + find(id).status() + "; a replay has no further effect");
            case "waiting" -> {
                ErrorResponseException problem = Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE, "Stage unavailable", String.valueOf(outcome.reason()));
                problem.getHeaders().set("Retry-After", "30");
                throw problem;
            }
            default ->
                throw Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Failed again", String.valueOf(outcome.reason()));
        }
    }

    /** Filter of a replay of many letters; every part optional. */
    record ReplayFilter(
            @Nullable String stage,
            @Nullable String partner,
            @Nullable String reason,
            @Nullable Instant from,
            @Nullable Instant to) {}

    @Operation(
            summary = "Replay every open dead letter matching a filter, oldest first",
            description = "At most 1000 a call; stops at the first outage, leaving the rest open.")
    @PostMapping("/api/v1/admin/dead-letters/replay")
    ReplayAll replayAll(@RequestBody ReplayFilter filter, HttpServletRequest request) {
        List<Long> ids = letters.openIds(
                new DeadLetters.Filter(
                        filter.stage(), filter.partner(), filter.reason(), filter.from(), filter.to(), "open"),
                MAX_REPLAY_ALL);
        List<Replayed> results = new ArrayList<>();
        int replayed = 0;
        int failed = 0;
        int skipped = 0;
        boolean outage = false;
        for (long id : ids) {
            DeadLetters.Letter letter = letters.letter(id).orElse(null);
            if (letter == null) {
                continue;
            }
            Replayed outcome = replayOne(letter, request);
            results.add(outcome);
            switch (outcome.status()) {
                case "replayed" -> replayed++;
                case "conflict" -> skipped++;
                case "waiting" -> outage = true;
                default -> failed++;
            }
            if (outage) {
                break;
            }
        }
        return new ReplayAll(replayed, failed, skipped, outage, results);
    }

    @Operation(summary = "Discard a dead letter: it stays listed as discarded, and cannot be replayed")
    @DeleteMapping("/api/v1/admin/dead-letters/{id}")
    Replayed discard(@PathVariable long id, HttpServletRequest request) {
        find(id);
        String user = user(request);
        if (!letters.discard(id, user)) {
            audit.record(request, "dead-letter.discard", "dead-letter:" + id, "conflict", null);
            throw Problems.of(HttpStatus.CONFLICT, "Not open", "dead letter " + id + " is " + find(id).status());
        }
        audit.record(request, "dead-letter.discard", "dead-letter:" + id, "discarded", null);
        return new Replayed(id, "discarded", null);
    }

    private Replayed replayOne(DeadLetters.Letter letter, HttpServletRequest request) {
        String user = user(request);
        String target = "dead-letter:" + letter.id();
        if (!letters.claimForReplay(letter.id(), user)) {
            audit.record(request, "dead-letter.replay", target, "conflict", "was " + letter.status());
            return new Replayed(letter.id(), "conflict", null);
        }
        try {
            ConsumerRecord<String, byte[]> original = letters.original(letter)
                    .orElseThrow(() -> new gr.accmr.hub.platform.PermanentFailure(
                            "the record is no longer on " + letter.originTopic()));
            stages.replay(letter.stage(), original);
            letters.settle(letter.id(), "replayed", user, null);
            audit.record(request, "dead-letter.replay", target, "replayed", letter.stage());
            return new Replayed(letter.id(), "replayed", null);
        } catch (RuntimeException e) {
            String reason = Failures.describe(e);
            boolean waiting = Failures.isTransient(e);
            letters.settle(letter.id(), "open", user, waiting ? null : reason);
            audit.record(request, "dead-letter.replay", target, waiting ? "waiting" : "failed", reason);
            return new Replayed(letter.id(), waiting ? "waiting" : "failed", reason);
        }
    }

    private DeadLetters.Letter find(long id) {
        return letters.letter(id)
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "Unknown dead letter", "no dead letter " + id));
    }

    private static String user(HttpServletRequest request) {
        return request.getUserPrincipal() == null
                ? "anonymous"
                : request.getUserPrincipal().getName();
    }

    private static @Nullable String utf8(byte[] bytes, int length) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private record Preview(String text, boolean truncated, boolean binary) {}

    /**
     * At most {@code max} bytes as text: UTF-8 where it is, otherwise each byte shown as {@code
     * \xNN}; control characters are escaped too, so nothing in a preview acts on a terminal or page.
     */
    private static Preview preview(byte[] bytes, int max) {
        int length = Math.min(bytes.length, max);
        String text = utf8(bytes, length);
        // A cut may fall inside a character: step back up to three bytes before calling it binary.
        for (int cut = length - 1; text == null && bytes.length > max && cut >= length - 3; cut--) {
            text = utf8(bytes, cut);
        }
        boolean binary = text == null;
        if (binary) {
            text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
        StringBuilder escaped = new StringBuilder(text.length());
        text.codePoints().forEach(code -> {
            if ((code < 0x20 && code != '\n' && code != '\r' && code != '\t')
                    || code == 0x7f
                    || (code >= 0x80 && code < 0xa0)) {
                escaped.append(String.format("\\x%02x", code));
            } else {
                escaped.appendCodePoint(code);
            }
        });
        return new Preview(escaped.toString(), bytes.length > max, binary);
    }
}
