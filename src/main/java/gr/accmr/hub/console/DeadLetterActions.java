package gr.accmr.hub.console;

import gr.accmr.hub.platform.Audit;
import gr.accmr.hub.platform.Failures;
import gr.accmr.hub.platform.PermanentFailure;
import gr.accmr.hub.platform.Problems;
import gr.accmr.hub.platform.Stages;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What operators do with dead letters, the same for the admin API and the console's page: read one
 * safely, replay it into exactly the stage it failed in (once), replay all matching a filter,
 * discard. Every action is audited here, so neither caller can forget it.
 */
@Component
class DeadLetterActions {

    static final int PREVIEW_BYTES = 4096;
    static final int MAX_REPLAY_ALL = 1000;

    private final DeadLetters letters;
    private final Stages stages;
    private final Audit audit;

    DeadLetterActions(DeadLetters letters, Stages stages, Audit audit) {
        this.letters = letters;
        this.stages = stages;
        this.audit = audit;
    }

    record Detail(
            DeadLetters.Letter letter,
            Map<String, String> headers,
            String preview,
            boolean previewTruncated,
            boolean binary) {}

    /** The outcome of one action: {@code replayed}, {@code discarded}, {@code conflict}, {@code waiting} or {@code failed}. */
    record Replayed(long id, String status, @Nullable String reason) {}

    record ReplayAll(int replayed, int failed, int skipped, boolean stoppedByOutage, List<Replayed> letters) {}

    DeadLetters.Letter find(long id) {
        return letters.letter(id)
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "Unknown dead letter", "no dead letter " + id));
    }

    /** The letter with its headers and an escaped preview of its bytes; 410 when Kafka no longer has it. */
    Detail detail(long id) {
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

    Replayed replay(long id, HttpServletRequest request) {
        return replay(find(id), request);
    }

    /** Replays every open letter matching the filter, oldest first; stops at the first outage, leaving the rest open. */
    ReplayAll replayAll(DeadLetters.Filter filter, HttpServletRequest request) {
        DeadLetters.Filter open = new DeadLetters.Filter(
                filter.stage(), filter.partner(), filter.reason(), filter.from(), filter.to(), "open");
        List<Replayed> results = new ArrayList<>();
        int replayed = 0;
        int failed = 0;
        int skipped = 0;
        boolean outage = false;
        for (long id : letters.openIds(open, MAX_REPLAY_ALL)) {
            DeadLetters.Letter letter = letters.letter(id).orElse(null);
            if (letter == null) {
                continue;
            }
            Replayed outcome = replay(letter, request);
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

    /** Discards an open letter; {@code conflict} when it is not open any more. */
    Replayed discard(long id, HttpServletRequest request) {
        find(id);
        if (!letters.discard(id, user(request))) {
            audit.record(request, "dead-letter.discard", "dead-letter:" + id, "conflict", null);
            return new Replayed(id, "conflict", null);
        }
        audit.record(request, "dead-letter.discard", "dead-letter:" + id, "discarded", null);
        return new Replayed(id, "discarded", null);
    }

    private Replayed replay(DeadLetters.Letter letter, HttpServletRequest request) {
        String user = user(request);
        String target = "dead-letter:" + letter.id();
        if (!letters.claimForReplay(letter.id(), user)) {
            audit.record(request, "dead-letter.replay", target, "conflict", "was " + letter.status());
            return new Replayed(letter.id(), "conflict", null);
        }
        try {
            ConsumerRecord<String, byte[]> original = letters.original(letter)
                    .orElseThrow(() -> new PermanentFailure("the record is no longer on " + letter.originTopic()));
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
