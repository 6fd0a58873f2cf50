package gr.accmr.hub.console;

import gr.accmr.hub.platform.Audit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin API of the audit log: who did what, when, from where. */
@Tag(name = "Audit log", description = "Every operator action")
@RestController
class AuditController {

    private final Audit audit;

    AuditController(Audit audit) {
        this.audit = audit;
    }

    @Operation(summary = "The newest audit entries first")
    @GetMapping("/api/v1/admin/audit")
    List<Audit.Entry> recent(
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        return audit.recent(Math.max(1, Math.min(limit, 1000)), Math.max(0, offset));
    }
}
