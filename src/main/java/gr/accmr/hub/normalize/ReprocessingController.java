package gr.accmr.hub.normalize;

import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.platform.Problems;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API: re-run normalization for one partner and a time range. Jobs run on the instance that
 * leads reprocessing; another instance answers 409 with that instance's id in {@code leader}, so
 * the operator (or a script) sends the request there; 503 when no instance leads it right now.
 */
@RestController
@Validated
class ReprocessingController {

    private final Reprocessing reprocessing;

    ReprocessingController(Reprocessing reprocessing) {
        this.reprocessing = reprocessing;
    }

    record Request(
            @NotBlank String partner,
            @NotNull Instant from,
            @NotNull Instant to) {}

    @PostMapping("/api/v1/admin/reprocess")
    ResponseEntity<Reprocessing.Job> start(@RequestBody @Validated Request request) {
        if (!NoticeId.isValidPartner(request.partner())) {
            throw Problems.of(
                    HttpStatus.UNPROCESSABLE_CONTENT, "Invalid partner", "not a partner id: " + request.partner());
        }
        if (request.to().isBefore(request.from())) {
            throw Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid range", "'to' is before 'from'");
        }
        refuseUnlessRunsHere();
        Reprocessing.Job job = reprocessing.start(request.partner(), request.from(), request.to());
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/admin/reprocess/" + job.id()))
                .body(job);
    }

    @GetMapping("/api/v1/admin/reprocess/{id}")
    Reprocessing.Job job(@PathVariable String id) {
        return reprocessing.job(id).orElseThrow(() -> {
            // Jobs are known only where they run.
            String elsewhere = reprocessing.runsHere()
                    ? ""
                    : reprocessing
                            .runner()
                            .map(leader -> "; jobs run on " + leader)
                            .orElse("");
            return Problems.of(HttpStatus.NOT_FOUND, "Unknown job", "no reprocessing job " + id + elsewhere);
        });
    }

    private void refuseUnlessRunsHere() {
        if (reprocessing.runsHere()) {
            return;
        }
        String leader = reprocessing.runner().orElse(null);
        if (leader == null) {
            throw Problems.of(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "No reprocessing runner",
                    "no hub instance leads reprocessing right now (is the database reachable?); try again shortly");
        }
        throw Problems.of(
                HttpStatus.CONFLICT,
                "Reprocessing runs on another instance",
                "reprocessing jobs run on " + leader + "; send the request there",
                Map.of("leader", leader));
    }
}
