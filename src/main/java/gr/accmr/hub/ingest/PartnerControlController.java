package gr.accmr.hub.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/partners/{partner}/pause|resume|poll}: operators hold, release or
 * hurry a partner's polling on every hub instance (see {@link PartnerControl}); audited.
 */
@Tag(name = "Partners", description = "Partner polling: health, and operators' pause, resume and poll now")
@RestController
class PartnerControlController {

    private final PartnerControl control;

    PartnerControlController(PartnerControl control) {
        this.control = control;
    }

    @Operation(
            summary = "Pause, resume or poll now a partner's polling on every instance",
            description = "pause: no instance polls it until it is resumed; resume: the instance that leads it polls"
                    + " again; poll: that instance polls at once (409 while paused). Audited.")
    @PostMapping("/api/v1/admin/partners/{partner}/{action:pause|resume|poll}")
    PartnerControl.Done act(@PathVariable String partner, @PathVariable String action, HttpServletRequest request) {
        return control.act(partner, PartnerControl.Action.valueOf(action.toUpperCase(java.util.Locale.ROOT)), request);
    }
}
