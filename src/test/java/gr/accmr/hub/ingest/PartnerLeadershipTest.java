package gr.accmr.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import gr.accmr.hub.platform.Leadership;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

/**
 * A partner route being removed (its file deleted or changed) stays stopped even when its role is
 * granted or an operator's resume arrives between the stop and the removal.
 */
class PartnerLeadershipTest {

    private static final String ROUTE = "partner.removed";

    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void close() {
        camel.stop();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStartAskedDuringRemovalDoesNotRestartTheRoute() throws Exception {
        Leadership leadership = mock(Leadership.class);
        when(leadership.isLeader(anyString())).thenReturn(true);
        camel.addRoutePolicyFactory(new PartnerLeadership(leadership, mock(ObjectProvider.class)));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:removed?period=3600000").routeId(ROUTE).to("log:removed?level=OFF");
            }
        });
        camel.start();
        PartnerLeadership.startIfLeading(camel, ROUTE);
        drainPolicy();
        assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);

        PartnerLeadership.stopForRemoval(camel, ROUTE);
        // What the operators' control loop does when it finds a stopped route it did not pause.
        PartnerLeadership.startIfLeading(camel, ROUTE);
        drainPolicy();

        assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Stopped);
        assertThat(camel.removeRoute(ROUTE)).isTrue();
    }

    /** Waits until every start or stop the policy was asked for has run. */
    private void drainPolicy() throws Exception {
        for (var policy : camel.getRoute(ROUTE).getRoutePolicyList()) {
            if (policy instanceof PartnerLeadership.LeaderRoutePolicy leader) {
                leader.drain();
            }
        }
    }
}
