package gr.accmr.hub.ingest.zendesk;

import gr.accmr.hub.ingest.Checkpoints;
import gr.accmr.hub.ingest.OutboundHttp;
import gr.accmr.hub.ingest.RawPublisher;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Builds {@link ZendeskPoller}s on the hub's outbound HTTP client, raw publisher and checkpoint
 * store, for the {@code zendesk-partner} route and for webhooks. A route that names no token uses
 * the one configured under {@code hub.zendesk.partners.<partner>}, so secrets can stay out of the
 * routes folder.
 */
@Component
public class ZendeskPolls {

    /** Route id written on records that came from a webhook rather than a poll. */
    static final String WEBHOOK_ROUTE = "ingest.zendesk-webhook";

    /**
     * The parameters of one {@code zendesk-partner} route.
     *
     * @param locales comma-separated Zendesk locales
     * @param fullListing time between listings of every page, for instance {@code 1h}
     */
    public record Request(
            String partner,
            String route,
            String baseUrl,
            String locales,
            String email,
            String token,
            String language,
            String kind,
            Duration fullListing,
            boolean allowPrivateNetwork) {}

    private final OutboundHttp http;
    private final RawPublisher raw;
    private final Checkpoints checkpoints;
    private final ZendeskProperties properties;
    private final Clock clock = Clock.systemUTC();

    ZendeskPolls(OutboundHttp http, RawPublisher raw, Checkpoints checkpoints, ZendeskProperties properties) {
        this.http = http;
        this.raw = raw;
        this.checkpoints = checkpoints;
        this.properties = properties;
    }

    /** Polls once; returns how many records went to Kafka. */
    public int poll(Request request) throws IOException {
        String email = request.email();
        String token = request.token();
        Optional<ZendeskProperties.Partner> configured = partner(request.partner());
        if (token.isBlank() && configured.isPresent()) {
            email = configured.get().email();
            token = configured.get().token();
        }
        ZendeskApi api = new ZendeskApi(http, request.baseUrl(), email, token, request.allowPrivateNetwork(), clock);
        var settings = new ZendeskPoller.Settings(
                request.partner(),
                request.route(),
                Arrays.asList(request.locales().split(",")),
                request.language(),
                request.kind(),
                request.fullListing());
        return poller(api, settings).poll();
    }

    /** Publishes an article as it now is, for a webhook of a configured partner. */
    void publishCurrent(String partner, long articleId) throws IOException {
        ZendeskProperties.Partner config =
                partner(partner).orElseThrow(() -> new IllegalArgumentException("no Zendesk partner " + partner));
        ZendeskApi api = new ZendeskApi(
                http, config.baseUrl(), config.email(), config.token(), config.allowPrivateNetwork(), clock);
        var settings = new ZendeskPoller.Settings(
                partner, WEBHOOK_ROUTE, java.util.List.of(), config.language(), config.kind(), Duration.ZERO);
        poller(api, settings).publishCurrent(articleId);
    }

    Optional<ZendeskProperties.Partner> partner(String partner) {
        return Optional.ofNullable(properties.partners().get(partner));
    }

    private ZendeskPoller poller(ZendeskApi api, ZendeskPoller.Settings settings) {
        ZendeskPoller.CheckpointStore store = new ZendeskPoller.CheckpointStore() {
            @Override
            public Optional<String> get(String partner, String name) {
                return checkpoints.get(partner, name);
            }

            @Override
            public void put(String partner, String name, String value) {
                checkpoints.put(partner, name, value);
            }
        };
        return new ZendeskPoller(api, settings, raw::publish, store, clock);
    }
}
