package gr.accmr.hub.console;

import gr.accmr.hub.platform.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
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
 * action is audited ({@link DeadLetterActions}, which the console's page uses too).
 */
@Tag(name = "Dead letters", description = "Records a stage could not process: inspect, replay, discard")
@RestController
class DeadLetterController {

    private final DeadLetters letters;
    private final DeadLetterActions actions;

    DeadLetterController(DeadLetters letters, DeadLetterActions actions) {
        this.letters = letters;
        this.actions = actions;
    }

    record Page(long total, List<DeadLetters.Letter> letters) {}

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
    DeadLetterActions.Detail show(@PathVariable long id) {
        return actions.detail(id);
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
    DeadLetterActions.Replayed replay(@PathVariable long id, HttpServletRequest request) {
        DeadLetterActions.Replayed outcome = actions.replay(id, request);
        switch (outcome.status()) {
            case "replayed" -> {
                return outcome;
            }
            case "conflict" ->
                throw Problems.of(
                        HttpStatus.CONFLICT,
                        "Not open",
                        "dead letter " + id + " is " + actions.find(id).status() + "; a replay has no further effect");
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
    DeadLetterActions.ReplayAll replayAll(@RequestBody ReplayFilter filter, HttpServletRequest request) {
        return actions.replayAll(
                new DeadLetters.Filter(
                        filter.stage(), filter.partner(), filter.reason(), filter.from(), filter.to(), "open"),
                request);
    }

    @Operation(summary = "Discard a dead letter: it stays listed as discarded, and cannot be replayed")
    @DeleteMapping("/api/v1/admin/dead-letters/{id}")
    DeadLetterActions.Replayed discard(@PathVariable long id, HttpServletRequest request) {
        DeadLetterActions.Replayed outcome = actions.discard(id, request);
        if (outcome.status().equals("conflict")) {
            throw Problems.of(
                    HttpStatus.CONFLICT,
                    "Not open",
                    "dead letter " + id + " is " + actions.find(id).status());
        }
        return outcome;
    }
}
