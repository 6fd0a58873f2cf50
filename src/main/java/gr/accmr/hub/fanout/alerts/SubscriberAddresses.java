package gr.accmr.hub.fanout.alerts;

import gr.accmr.hub.platform.GuardedDnsResolver;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where alerts may go: only to addresses IANA's special-purpose registries call globally reachable.
 * Unlike a partner, a subscriber cannot be let onto a private network: an admin account must not
 * become a way to make the hub POST into the networks it runs in. Judged when a subscriber is
 * registered, and again at every delivery by the HTTP client's resolver, since DNS may answer
 * differently by then.
 */
@Component
class SubscriberAddresses {

    private static final Logger log = LoggerFactory.getLogger(SubscriberAddresses.class);

    private final GuardedDnsResolver resolver;

    @Autowired
    SubscriberAddresses(AlertProperties properties) {
        this(properties.allowLoopbackForTests());
        if (properties.allowLoopbackForTests()) {
            log.warn("hub.alerts.allow-loopback-for-tests is on: alerts may be sent to this machine's loopback"
                    + " addresses. Never set it outside tests");
        }
    }

    SubscriberAddresses(boolean allowLoopbackForTests) {
        this.resolver = new GuardedDnsResolver(false, allowLoopbackForTests, "alert subscriber", "");
    }

    /** The resolver every alert request goes through. */
    GuardedDnsResolver resolver() {
        return resolver;
    }

    /**
     * Why alerts may not go to this URL's host, or empty when they may. A name that does not
     * resolve now is let through: it is judged again at every delivery.
     */
    Optional<String> refusal(URI url) {
        try {
            resolver.resolve(url.getHost());
            return Optional.empty();
        } catch (GuardedDnsResolver.BlockedAddressException e) {
            return Optional.of(e.getMessage());
        } catch (UnknownHostException unresolved) {
            return Optional.empty();
        }
    }
}
