package gr.accmr.hub.ingest;

import gr.accmr.hub.ingest.directus.DirectusPoller;
import gr.accmr.hub.ingest.directus.DirectusSource;
import gr.accmr.hub.notice.NoticeId;
import java.io.IOException;
import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The {@code directus-partner} route template: poll a Directus collection of services on a timer
 * and hand every changed item to {@code hub.inbound.raw}.
 */
@Component
class DirectusPollRoutes extends RouteBuilder {

    /** Template id partners name in {@code routes/*.yaml}. */
    static final String DIRECTUS_PARTNER = "directus-partner";

    private static final String BASE_URL = "hubDirectusBaseUrl";
    private static final String COLLECTION = "hubDirectusCollection";
    private static final String TOKEN = "hubDirectusToken";
    private static final String LANGUAGE = "hubDirectusLanguage";
    private static final String PRIVATE_NETWORK = "hubDirectusPrivateNetwork";

    private final PartnerPolling polling;
    private final DirectusPoller poller;

    DirectusPollRoutes(PartnerPolling polling, OutboundHttp http, RawPublisher publisher, Checkpoints checkpoints) {
        this.polling = polling;
        this.poller = new DirectusPoller(http, publisher::publish, DirectusPoller.CursorStore.durable(checkpoints));
    }

    @Override
    public void configure() {
        PartnerTemplates.classifying(routeTemplate(DIRECTUS_PARTNER)
                        .templateParameter("partner", null, "Partner id: lower-case letters, digits and '-'")
                        .templateParameter("baseUrl", null, "Directus instance, for instance https://cms.example.org")
                        .templateParameter("collection", "services", "Collection holding the services")
                        .templateParameter("token", "", "Static bearer token of a read-only Directus user")
                        .templateParameter("language", "en", "Language of the items' own name and description")
                        .templateParameter("interval", "10m", "Time between polls, for instance 10m or 1h")
                        .templateParameter(
                                "allowPrivateNetwork",
                                "false",
                                "Whether Directus may be on a private or loopback address"))
                .from("timer:directus-{{partner}}?period={{interval}}&delay=1000")
                .routeConfigurationId(PartnerPolling.POLICY)
                .setProperty(PartnerPolling.PARTNER, constant("{{partner}}"))
                .setProperty(PartnerPolling.INTERVAL, constant("{{interval}}"))
                .setProperty(BASE_URL, constant("{{baseUrl}}"))
                .setProperty(COLLECTION, constant("{{collection}}"))
                .setProperty(TOKEN, constant("{{token}}"))
                .setProperty(LANGUAGE, constant("{{language}}"))
                .setProperty(PRIVATE_NETWORK, constant("{{allowPrivateNetwork}}"))
                .process(PartnerPolling::begin)
                .filter(method(polling, "mayPoll"))
                .process(this::poll)
                .process(polling::succeeded);
    }

    /** One poll; the poller's records are acknowledged, and its cursor stored, when this returns. */
    private void poll(Exchange exchange) throws IOException {
        String partner = exchange.getProperty(PartnerPolling.PARTNER, String.class);
        if (!NoticeId.isValidPartner(partner)) {
            throw new IllegalArgumentException("invalid partner id '" + partner + "'");
        }
        DirectusSource source = new DirectusSource(
                partner,
                exchange.getFromRouteId(),
                URI.create(exchange.getProperty(BASE_URL, String.class).strip()),
                exchange.getProperty(COLLECTION, String.class).strip(),
                exchange.getProperty(TOKEN, "", String.class),
                exchange.getProperty(LANGUAGE, String.class).strip(),
                Boolean.parseBoolean(exchange.getProperty(PRIVATE_NETWORK, String.class)));
        int sent = poller.poll(source);
        PartnerPolling.countSent(exchange, sent);
    }
}
