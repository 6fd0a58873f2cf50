package gr.accmr.hub.platform.cluster;

import gr.accmr.hub.platform.Leadership;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code leadership} component of {@code /actuator/health}: this instance's id, the roles it
 * competes for and the ones it leads. Always up: leading nothing is normal for a standby.
 */
@Component
class LeadershipHealthIndicator implements HealthIndicator {

    private final Leadership leadership;

    LeadershipHealthIndicator(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public Health health() {
        return Health.up()
                .withDetail("instance", leadership.instanceId())
                .withDetail("leads", leadership.ledRoles())
                .withDetail("competesFor", leadership.joinedRoles())
                .build();
    }
}
