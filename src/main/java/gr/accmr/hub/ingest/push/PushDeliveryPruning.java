package gr.accmr.hub.ingest.push;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hourly, on every instance (the deletes are idempotent, so no leader is needed): webhook-ids past
 * {@code hub.push.delivered-retention}, so the table does not grow with every push ever made. The
 * rate-limit buckets are pruned by the platform, which keeps them.
 */
@Component
class PushDeliveryPruning {

    private static final Logger log = LoggerFactory.getLogger(PushDeliveryPruning.class);

    private final PushDeliveries deliveries;
    private final PushProperties properties;

    PushDeliveryPruning(PushDeliveries deliveries, PushProperties properties) {
        this.deliveries = deliveries;
        this.properties = properties;
    }

    @Scheduled(initialDelay = 1, fixedDelay = 60, timeUnit = TimeUnit.MINUTES)
    void prune() {
        try {
            int pruned = deliveries.prune(properties.deliveredRetention());
            if (pruned > 0) {
                log.info("Pruned {} push deliveries", pruned);
            }
        } catch (RuntimeException e) {
            // The database may be away; the next run catches up.
            log.warn("Pruning push deliveries failed, next try in an hour: {}", e.getMessage());
        }
    }
}
