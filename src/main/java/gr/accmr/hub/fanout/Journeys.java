package gr.accmr.hub.fanout;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The delivery ledger as the console reads it: what every channel did with each version of a notice. Read only. */
@Component
public class Journeys {

    private final DeliveryLedger ledger;
    private final List<String> channels;

    Journeys(DeliveryLedger ledger, List<NoticeSink> sinks) {
        this.ledger = ledger;
        this.channels = sinks.stream().map(NoticeSink::name).sorted().toList();
    }

    /** One line of the ledger: {@code outcome} is delivered, skipped-older or failed. */
    public record Delivery(
            int version,
            String channel,
            String outcome,
            Instant at,
            @Nullable String target,
            @Nullable String detail) {}

    /** The channels a notice goes to, by name. */
    public List<String> channels() {
        return channels;
    }

    /** Every delivery of the notice, by version, then channel. */
    public List<Delivery> deliveries(String noticeId) {
        return ledger.of(noticeId).stream()
                .map(delivery -> new Delivery(
                        delivery.version(),
                        delivery.channel(),
                        delivery.outcome(),
                        delivery.at(),
                        delivery.target(),
                        delivery.detail()))
                .toList();
    }
}
