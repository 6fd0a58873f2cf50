package gr.accmr.hub.console;

import gr.accmr.hub.platform.Audit;
import gr.accmr.hub.platform.Problems;
import gr.accmr.hub.platform.StageStatus;
import gr.accmr.hub.platform.Stages;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin API of the stages on this instance: their state, and suspending or resuming one. */
@Tag(name = "Stages", description = "The Kafka consumers of the pipeline on this instance")
@RestController
class StageController {

    private final Stages stages;
    private final Audit audit;

    StageController(Stages stages, Audit audit) {
        this.stages = stages;
        this.audit = audit;
    }

    @Operation(summary = "Every stage with its state (running, waiting with the reason, suspended) and counts")
    @GetMapping("/api/v1/admin/stages")
    List<StageStatus> list() {
        return stages.statuses();
    }

    @Operation(summary = "Suspend a stage on this instance; its partitions go to the group's other members")
    @PostMapping("/api/v1/admin/stages/{name}/suspend")
    List<StageStatus> suspend(@PathVariable String name, HttpServletRequest request) {
        known(name);
        stages.suspend(name);
        audit.record(request, "stage.suspend", "stage:" + name, "suspended", null);
        return stages.statuses();
    }

    @Operation(summary = "Resume a suspended stage on this instance")
    @PostMapping("/api/v1/admin/stages/{name}/resume")
    List<StageStatus> resume(@PathVariable String name, HttpServletRequest request) {
        known(name);
        stages.resume(name);
        audit.record(request, "stage.resume", "stage:" + name, "resumed", null);
        return stages.statuses();
    }

    private void known(String name) {
        if (stages.stage(name).isEmpty()) {
            throw Problems.of(HttpStatus.NOT_FOUND, "Unknown stage", "no stage '" + name + "'");
        }
    }
}
