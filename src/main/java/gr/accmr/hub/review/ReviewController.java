package gr.accmr.hub.review;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.platform.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/admin/review}: the review queue for scripts, as the console shows it. Reading is
 * for every signed-in role; approving and rejecting for editors, operators and admins. Every
 * decision is audited.
 */
@Tag(name = "Review", description = "Editorial review: what waits for ACCMR's editors, and their decisions")
@RestController
class ReviewController {

    private final ReviewQueue queue;
    private final ReviewDecisions decisions;

    ReviewController(ReviewQueue queue, ReviewDecisions decisions) {
        this.queue = queue;
        this.decisions = decisions;
    }

    /** A notice under review: its state, the version held, the last approved version and every step. */
    record Review(ReviewQueue.Entry entry, List<ReviewQueue.Step> steps) {}

    record Approval(int version, @Nullable Map<String, Editing.Edit> edits) {}

    record Rejection(int version, @Nullable String reason) {}

    record Decision(
            String noticeId,
            int version,
            String state,
            @Nullable Notice shown) {}

    @Operation(summary = "Notices awaiting review: urgent first, then the longest waiting")
    @GetMapping("/api/v1/admin/review")
    List<ReviewQueue.Entry> awaiting(@RequestParam(defaultValue = "100") int limit) {
        return queue.awaiting(Math.max(1, Math.min(limit, 1000)));
    }

    @Operation(summary = "A notice's review: the version held or decided, the last approved one, every step")
    @GetMapping("/api/v1/admin/review/{id}")
    Review review(@PathVariable String id) {
        ReviewQueue.Entry entry = queue.entry(id)
                .orElseThrow(() -> Problems.of(
                        HttpStatus.NOT_FOUND, "Not under review", "no notice " + id + " was held for review"));
        return new Review(entry, queue.steps(id));
    }

    @Operation(
            summary = "Approve the version under review, optionally with edited titles and summaries per language",
            description = "The version reaches the website, the mobile feed and the alerts, with the editor's text;"
                    + " the archive keeps the partner's. 409 when the version is no longer the one under review.")
    @PostMapping("/api/v1/admin/review/{id}/approve")
    Decision approve(@PathVariable String id, @RequestBody Approval approval, HttpServletRequest request) {
        Map<String, Editing.Edit> edits = approval.edits() == null ? Map.of() : approval.edits();
        Notice shown = answered(() -> decisions.approve(request, id, approval.version(), edits));
        return new Decision(id, approval.version(), ReviewQueue.APPROVED, shown);
    }

    @Operation(summary = "Reject the version under review, with a reason; it never reaches the city's channels")
    @PostMapping("/api/v1/admin/review/{id}/reject")
    Decision reject(@PathVariable String id, @RequestBody Rejection rejection, HttpServletRequest request) {
        String reason = rejection.reason() == null ? "" : rejection.reason();
        answered(() -> {
            decisions.reject(request, id, rejection.version(), reason);
            return null;
        });
        return new Decision(id, rejection.version(), ReviewQueue.REJECTED, null);
    }

    /** A refused decision as a problem: 404 unknown, 409 decided already, 422 invalid. */
    private static <T> T answered(Supplier<T> decision) {
        try {
            return decision.get();
        } catch (Editing.Refused refused) {
            throw switch (refused.why()) {
                case UNKNOWN -> Problems.of(HttpStatus.NOT_FOUND, "Not under review", refused.getMessage());
                case MOVED_ON -> Problems.of(HttpStatus.CONFLICT, "Decided already", refused.getMessage());
                case INVALID -> Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Cannot decide", refused.getMessage());
                case UNAVAILABLE -> unavailable(refused.getMessage());
            };
        }
    }

    private static ErrorResponseException unavailable(String detail) {
        ErrorResponseException problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Not decided", detail);
        problem.getHeaders().set("Retry-After", "10");
        return problem;
    }
}
