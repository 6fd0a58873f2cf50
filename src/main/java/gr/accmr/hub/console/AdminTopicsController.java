package gr.accmr.hub.console;

import gr.accmr.hub.platform.Failures;
import gr.accmr.hub.platform.HubProperties;
import gr.accmr.hub.platform.KafkaFigures;
import gr.accmr.hub.platform.Problems;
import gr.accmr.hub.platform.TransientFailure;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin API of the hub's topics, as the console's topics page shows them. */
@Tag(name = "Topics", description = "The hub's Kafka topics and their consumer groups")
@RestController
class AdminTopicsController {

    private final KafkaFigures kafka;
    private final HubProperties.Kafka names;

    AdminTopicsController(KafkaFigures kafka, HubProperties properties) {
        this.kafka = kafka;
        this.names = properties.kafka();
    }

    @Operation(
            summary = "Each hub topic's partitions with first and end offsets and size in bytes, and each consumer"
                    + " group's committed offset and lag per partition; 503 when Kafka does not answer")
    @GetMapping("/api/v1/admin/topics")
    List<KafkaFigures.TopicDetail> topics() {
        try {
            return kafka.details(names.topics());
        } catch (TransientFailure e) {
            ErrorResponseException problem =
                    Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Kafka unavailable", Failures.describe(e));
            problem.getHeaders().set(HttpHeaders.RETRY_AFTER, "10");
            throw problem;
        }
    }
}
