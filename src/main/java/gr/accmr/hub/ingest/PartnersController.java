package gr.accmr.hub.ingest;

import gr.accmr.hub.platform.Problems;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators' view of partner health: last poll, last success, last error, back-off. */
@RestController
@RequestMapping("/api/v1/partners")
class PartnersController {

    private final PartnerHealth health;

    PartnersController(PartnerHealth health) {
        this.health = health;
    }

    @GetMapping
    List<PartnerHealth.Status> list() {
        return health.all();
    }

    @GetMapping("/{partner}")
    PartnerHealth.Status get(@PathVariable String partner) {
        return health.current(partner)
                .orElseThrow(() -> Problems.of(
                        HttpStatus.NOT_FOUND, "Unknown partner", "No partner '" + partner + "' has been polled yet"));
    }
}
