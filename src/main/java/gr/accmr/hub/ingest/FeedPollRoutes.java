package gr.accmr.hub.ingest;

import gr.accmr.hub.ingest.feed.FeedEntry;
import gr.accmr.hub.ingest.feed.FeedSplitter;
import gr.accmr.hub.ingest.feed.SeenEntries;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.platform.KafkaEndpoints;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * The {@code rss-partner} route template: poll a feed over HTTP, cut it into entries, and hand
 * every new or changed entry to {@code hub.inbound.raw}.
 */
@Component
class FeedPollRoutes extends RouteBuilder {

    /** Template id partners name in {@code routes/*.yaml}. */
    static final String RSS_PARTNER = "rss-partner";

    private static final String PARTNER = "hubPartner";
    private static final String ENTRY = "hubEntry";
    private static final String URL = "hubUrl";

    private final KafkaEndpoints kafka;
    private final SeenEntries seen;
    private final FeedSplitter splitter = new FeedSplitter();

    FeedPollRoutes(KafkaEndpoints kafka, SeenEntries seen) {
        this.kafka = kafka;
        this.seen = seen;
    }

    @Override
    public void configure() {
        routeTemplate(RSS_PARTNER)
                .templateParameter("partner", null, "Partner id: lower-case letters, digits and '-'")
                .templateParameter("url", null, "Feed URL (http or https)")
                .templateParameter("language", "en", "Language of entries that do not declare one")
                .templateParameter("interval", "10m", "Time between polls, for instance 10m or 1h")
                .templateParameter("kind", "news", "Kind of notice the entries become")
                .from("timer:rss-{{partner}}?period={{interval}}&delay=1000")
                .routeConfigurationId(PartnerPolling.POLICY)
                .setProperty(PARTNER, constant("{{partner}}"))
                .setProperty(URL, constant("{{url}}"))
                .process(FeedPollRoutes::checkPartnerId)
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader(
                        "Accept",
                        constant("application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"))
                .to("{{url}}")
                .convertBodyTo(byte[].class)
                .process(exchange -> exchange.getMessage()
                        .setBody(splitter.split(exchange.getMessage().getBody(byte[].class))))
                .removeHeaders("*")
                .split(body())
                .filter(exchange -> seen.isNewOrChanged(
                        exchange.getProperty(PARTNER, String.class),
                        exchange.getMessage().getBody(FeedEntry.class)))
                .process(FeedPollRoutes::toRawRecord)
                .setHeader(RawHeaders.LANGUAGE, constant("{{language}}"))
                .setHeader(RawHeaders.KIND, constant("{{kind}}"))
                .to(kafka.produce(kafka.rawTopic()))
                // Acknowledged by Kafka: only now does the checkpoint move.
                .process(exchange -> seen.markSent(
                        exchange.getProperty(PARTNER, String.class), exchange.getProperty(ENTRY, FeedEntry.class)));
    }

    private static void checkPartnerId(Exchange exchange) {
        String partner = exchange.getProperty(PARTNER, String.class);
        if (!NoticeId.isValidPartner(partner)) {
            throw new IllegalArgumentException("invalid partner id '" + partner + "'");
        }
    }

    private static void toRawRecord(Exchange exchange) {
        FeedEntry entry = exchange.getMessage().getBody(FeedEntry.class);
        String partner = exchange.getProperty(PARTNER, String.class);
        exchange.setProperty(ENTRY, entry);
        var message = exchange.getMessage();
        message.setHeader(KafkaConstants.KEY, partner + ":" + entry.externalId());
        message.setHeader(RawHeaders.PARTNER, partner);
        message.setHeader(RawHeaders.SOURCE, exchange.getFromRouteId());
        message.setHeader(RawHeaders.CONTENT_TYPE, RawHeaders.FEED_ENTRY);
        message.setHeader(RawHeaders.RECEIVED_AT, Instant.now().toString());
        message.setHeader(RawHeaders.SOURCE_URL, exchange.getProperty(URL, String.class));
        if (entry.language() != null) {
            message.setHeader(RawHeaders.CONTENT_LANGUAGE, entry.language());
        }
        message.setBody(entry.document());
    }
}
