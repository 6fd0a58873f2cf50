package gr.accmr.hub.fanout.archive;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.platform.Problems;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read API of the archive. */
@Validated
@RestController
@RequestMapping("/api/v1/archive/notices")
class ArchiveController {

    private final ArchiveStore store;

    ArchiveController(ArchiveStore store) {
        this.store = store;
    }

    /** Current version of each notice, newest first. */
    @GetMapping
    List<Notice> list(
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return store.list(partner, limit, offset);
    }

    /** A notice with all its versions, newest first. */
    @GetMapping("/{id}")
    NoticeHistory get(@PathVariable String id) {
        Notice current = store.current(id)
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "Notice not found", "No notice with id " + id));
        return new NoticeHistory(current, store.versions(id));
    }

    record NoticeHistory(Notice notice, List<ArchiveStore.ArchivedVersion> versions) {}
}
