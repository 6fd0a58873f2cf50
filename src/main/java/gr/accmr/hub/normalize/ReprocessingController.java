package gr.accmr.hub.normalize;

import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.platform.Problems;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Admin API: re-run normalization for one partner and a time range. */
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
        Reprocessing.Job job = reprocessing.start(request.partner(), request.from(), request.to());
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/admin/reprocess/" + job.id()))
                .body(job);
    }

    @GetMapping("/api/v1/admin/reprocess/{id}")
    Reprocessing.Job job(@PathVariable String id) {
        return reprocessing
                .job(id)
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "Unknown job", "no reprocessing job " + id));
    }
}
