package gr.accmr.hub.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin API of the overview: what the console's first page shows, for scripts and monitors. */
@Tag(name = "Overview", description = "The pipeline at a glance")
@RestController
class AdminOverviewController {

    private final OverviewReader overview;

    AdminOverviewController(OverviewReader overview) {
        this.overview = overview;
    }

    @Operation(
            summary = "Unhealthy components with their reason, partners, records per topic, state and lag per stage,"
                    + " open dead letters, archived notices")
    @GetMapping("/api/v1/admin/overview")
    Overview overview() {
        return overview.read();
    }
}
