package gr.accmr.hub.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin API of the Camel routes on this instance: their state and figures, and suspending or resuming one. */
@Tag(name = "Routes", description = "The Camel routes on this instance: partner pollers, pushes, the pipeline")
@RestController
class RoutesController {

    private final CamelRoutes routes;

    RoutesController(CamelRoutes routes) {
        this.routes = routes;
    }

    @Operation(
            summary = "Every route with its state, exchanges total / failed / in flight, mean and max processing "
                    + "time (ms) and the last error its exchanges met")
    @GetMapping("/api/v1/admin/routes")
    List<CamelRoutes.RouteStatus> list() {
        return routes.statuses();
    }

    @Operation(
            summary = "Suspend a route on this instance: its consumer stops taking work in until resumed",
            responses = {
                @ApiResponse(responseCode = "200", description = "Suspended; every route's state"),
                @ApiResponse(responseCode = "404", description = "No such route"),
                @ApiResponse(responseCode = "409", description = "Camel could not suspend it")
            })
    @PostMapping("/api/v1/admin/routes/{id}/suspend")
    List<CamelRoutes.RouteStatus> suspend(@PathVariable String id, HttpServletRequest request) {
        return routes.suspend(id, request);
    }

    @Operation(
            summary = "Resume a suspended route on this instance",
            responses = {
                @ApiResponse(responseCode = "200", description = "Resumed; every route's state"),
                @ApiResponse(responseCode = "404", description = "No such route"),
                @ApiResponse(responseCode = "409", description = "Camel could not resume it")
            })
    @PostMapping("/api/v1/admin/routes/{id}/resume")
    List<CamelRoutes.RouteStatus> resume(@PathVariable String id, HttpServletRequest request) {
        return routes.resume(id, request);
    }
}
