package gr.accmr.hub.ingest;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.component.mail.MailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The error policy of mailbox pollers. Like {@link PartnerPolling}'s it logs one line per failure
 * and records it in {@link PartnerHealth}, but it must not mark the failure handled when the
 * exchange carries a message: camel-mail flags or moves a message when its exchange completes and
 * leaves it untouched (unseen, in its folder) when the exchange fails, so a handled failure would
 * lose a newsletter that never reached Kafka. Failures of the poll itself (login, network) reach
 * the route through the consumer's bridge error handler without a message and are handled.
 */
@Component
class MailPolling extends RouteConfigurationBuilder {

    /** Route configuration id of mailbox pollers. */
    static final String POLICY = "hub.mail-poll";

    private static final Logger log = LoggerFactory.getLogger(MailPolling.class);

    private final PartnerPolling polling;

    MailPolling(PartnerPolling polling) {
        this.polling = polling;
    }

    @Override
    public void configuration() {
        routeConfiguration(POLICY)
                .onException(Exception.class)
                .handled(exchange -> !carriesMessage(exchange))
                // The line below is the report; Camel's own would add a stack trace per poll.
                .logExhausted(false)
                .process(this::failed);
    }

    static boolean carriesMessage(Exchange exchange) {
        return exchange.getIn() instanceof MailMessage;
    }

    private void failed(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String route = exchange.getFromRouteId();
        String reason = PartnerPolling.describe(failure);
        if (polling.recordFailure(exchange, reason, null) == null) {
            return;
        }
        String partner = exchange.getProperty(PartnerPolling.PARTNER, String.class);
        if (carriesMessage(exchange)) {
            // camel-mail logs the exception it rolls back for, stack and all; the reason is enough.
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new NotHandedOverException(reason));
            log.warn(
                    "Partner {} ({}): a newsletter was not handed over and stays unread for the next poll: {}",
                    partner,
                    route,
                    reason);
        } else {
            log.warn("Partner {} ({}) failed to poll its mailbox: {}", partner, route, reason);
        }
    }

    /** Why a message stays unread, without a stack trace: the failure was reported above. */
    static final class NotHandedOverException extends Exception {
        NotHandedOverException(String reason) {
            super(reason, null, false, false);
        }
    }
}
