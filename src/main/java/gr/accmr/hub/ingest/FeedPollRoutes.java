package gr.accmr.hub.ingest;

import gr.accmr.hub.ingest.feed.FeedEntry;
import gr.accmr.hub.ingest.feed.FeedPoller;
import gr.accmr.hub.ingest.feed.FeedSplitter;
import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeId;
import java.net.URI;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The {@code rss-partner} route template: poll a feed (RSS 0.9x/1.0/2.0, Atom 1.0, JSON Feed 1.1)
 * politely, cut it into entries, and hand every new or changed entry to {@code hub.inbound.raw}.
 */
@Component
class FeedPollRoutes extends RouteBuilder {

    /** Template id partners name in {@code routes/*.yaml}. */
    static final String RSS_PARTNER = "rss-partner";

    private static final String SETTINGS = "hubFeedSettings";
    private static final String FETCH = "hubFeedFetch";

    private final FeedPoller poller;
    private final PartnerPolling polling;

    FeedPollRoutes(FeedPoller poller, PartnerPolling polling) {
        this.poller = poller;
        this.polling = polling;
    }

    @Override
    public void configure() {
        PartnerTemplates.classifying(routeTemplate(RSS_PARTNER)
                        .templateParameter("partner", null, "Partner id: lower-case letters, digits and '-'")
                        .templateParameter("url", null, "Feed URL (http or https)")
                        .templateParameter("language", "en", "Language of entries that do not declare one")
                        .templateParameter("interval", "10m", "Time between polls, for instance 10m or 1h")
                        .templateParameter("kind", "news", "Kind of notice the entries become")
                        .templateParameter("since", "", "Entries dated before this are skipped: an ISO date, or 30d")
                        .templateParameter("identity", "guid", "Entry identity: guid, link or content")
                        .templateParameter("allowPrivateNetwork", "false", "Allow loopback and private addresses"))
                .from("timer:rss-{{partner}}?period={{interval}}&delay=1000")
                .routeConfigurationId(PartnerPolling.POLICY)
                .setProperty(PartnerPolling.PARTNER, constant("{{partner}}"))
                .setProperty(PartnerPolling.INTERVAL, constant("{{interval}}"))
                .setProperty("url", constant("{{url}}"))
                .setProperty("language", constant("{{language}}"))
                .setProperty("kind", constant("{{kind}}"))
                .setProperty("since", constant("{{since}}"))
                .setProperty("identity", constant("{{identity}}"))
                .setProperty("allowPrivateNetwork", constant("{{allowPrivateNetwork}}"))
                .process(FeedPollRoutes::readSettings)
                .process(PartnerPolling::begin)
                .filter(polling::mayPoll)
                .process(exchange -> exchange.setProperty(FETCH, poller.fetch(settings(exchange))))
                .choice()
                .when(exchange ->
                        !exchange.getProperty(FETCH, FeedPoller.Fetch.class).notModified())
                .process(exchange -> exchange.getMessage()
                        .setBody(poller.entriesToSend(
                                settings(exchange), exchange.getProperty(FETCH, FeedPoller.Fetch.class))))
                .split(body())
                .process(exchange -> {
                    poller.send(settings(exchange), exchange.getMessage().getBody(FeedEntry.class));
                    PartnerPolling.countSent(exchange);
                })
                .end()
                // Every entry is acknowledged by now: only then do the validators move.
                .process(exchange ->
                        poller.checkpoint(settings(exchange), exchange.getProperty(FETCH, FeedPoller.Fetch.class)))
                .end()
                .process(polling::succeeded);
    }

    private static void readSettings(Exchange exchange) {
        String partner = exchange.getProperty(PartnerPolling.PARTNER, String.class);
        if (!NoticeId.isValidPartner(partner)) {
            throw new IllegalArgumentException("invalid partner id '" + partner + "'");
        }
        exchange.setProperty(
                SETTINGS,
                new FeedPoller.Settings(
                        partner,
                        exchange.getFromRouteId(),
                        URI.create(exchange.getProperty("url", String.class)),
                        // Checked here, so a typo fails the poll with its reason instead of dead-lettering every entry.
                        Languages.normalize(exchange.getProperty("language", String.class)),
                        Notice.Kind.of(exchange.getProperty("kind", String.class))
                                .name()
                                .toLowerCase(java.util.Locale.ROOT),
                        FeedPoller.since(exchange.getProperty("since", "", String.class), Instant.now()),
                        FeedSplitter.Identity.of(exchange.getProperty("identity", String.class)),
                        Boolean.parseBoolean(exchange.getProperty("allowPrivateNetwork", String.class))));
    }

    private static FeedPoller.Settings settings(Exchange exchange) {
        return exchange.getProperty(SETTINGS, FeedPoller.Settings.class);
    }
}
