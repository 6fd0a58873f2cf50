package gr.accmr.hub.ingest;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
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
        return health.current(partner).orElseThrow(() -> {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND, "No partner '" + partner + "' has been polled yet");
            problem.setTitle("Unknown partner");
            return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        });
    }
}
