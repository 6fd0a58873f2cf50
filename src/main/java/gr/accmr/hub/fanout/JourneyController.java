package gr.accmr.hub.fanout;

import gr.accmr.hub.normalize.PublishedVersions;
import gr.accmr.hub.platform.Problems;
import gr.accmr.hub.review.ReviewQueue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/notices/{id}/journey}: the whole way of a notice, from the raw record each
 * version was made of to what every channel did with it. The answer to "did IRC's notice reach
 * the website?".
 */
@Tag(name = "Journey", description = "Where a notice went")
@RestController
class JourneyController {

    private final PublishedVersions versions;
    private final DeliveryLedger ledger;
    private final ReviewQueue review;
    private final List<String> channels;

    JourneyController(PublishedVersions versions, DeliveryLedger ledger, ReviewQueue review, List<NoticeSink> sinks) {
        this.versions = versions;
        this.ledger = ledger;
        this.review = review;
        this.channels = sinks.stream().map(NoticeSink::name).sorted().toList();
    }

    /**
     * One version: where it came from, when it was published, what editorial review did with it
     * (held, approved by whom, rejected by whom and why; nothing for a partner publishing at once),
     * and each channel's outcome.
     */
    record Step(
            PublishedVersions.Version published,
            List<ReviewQueue.Step> review,
            Map<String, DeliveryLedger.Delivery> channels) {}

    record Journey(String id, List<String> channels, List<Step> versions, List<DeliveryLedger.Delivery> deliveries) {}

    @Operation(summary = "Every published version of a notice, its raw record, and what each channel did with it")
    @GetMapping("/api/v1/notices/{id}/journey")
    Journey journey(@PathVariable String id) {
        List<PublishedVersions.Version> published = versions.of(id);
        List<DeliveryLedger.Delivery> deliveries = ledger.of(id);
        List<ReviewQueue.Step> reviewed = review.steps(id);
        if (published.isEmpty() && deliveries.isEmpty()) {
            throw Problems.of(HttpStatus.NOT_FOUND, "Unknown notice", "no notice " + id + " was published");
        }
        List<Step> steps = published.stream()
                .map(version -> {
                    Map<String, DeliveryLedger.Delivery> byChannel = new LinkedHashMap<>();
                    deliveries.stream()
                            .filter(delivery -> delivery.version() == version.version())
                            .forEach(delivery -> byChannel.put(delivery.channel(), delivery));
                    return new Step(
                            version,
                            reviewed.stream()
                                    .filter(step -> step.version() == version.version())
                                    .toList(),
                            byChannel);
                })
                .toList();
        return new Journey(id, channels, steps, deliveries);
    }
}
