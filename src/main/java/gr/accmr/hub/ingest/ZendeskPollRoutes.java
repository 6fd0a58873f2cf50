package gr.accmr.hub.ingest;

import gr.accmr.hub.ingest.zendesk.ZendeskPolls;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.TimeUtils;
import org.springframework.stereotype.Component;

/**
 * The {@code zendesk-partner} route template: poll a Zendesk Help Center's articles in every
 * configured locale and hand each new or changed article, with all its translations, to {@code
 * hub.inbound.raw} (see {@link gr.accmr.hub.ingest.zendesk.ZendeskPoller}).
 *
 * <p>Credentials: {@code email} plus {@code token} (a Zendesk API token) send Basic {@code
 * {email}/token:{token}}; {@code token} alone is sent as an OAuth bearer token; with no token here
 * the route uses the one configured under {@code hub.zendesk.partners.<partner>}, and with none
 * there either it reads anonymously, which sees published articles only.
 */
@Component
class ZendeskPollRoutes extends RouteBuilder {

    /** Template id partners name in {@code routes/*.yaml}. */
    static final String ZENDESK_PARTNER = "zendesk-partner";

    private static final String BASE_URL = "hubZendeskBaseUrl";
    private static final String LOCALES = "hubZendeskLocales";
    private static final String EMAIL = "hubZendeskEmail";
    private static final String TOKEN = "hubZendeskToken";
    private static final String LANGUAGE = "hubZendeskLanguage";
    private static final String KIND = "hubZendeskKind";
    private static final String FULL_LISTING = "hubZendeskFullListing";
    private static final String PRIVATE_NETWORK = "hubZendeskPrivateNetwork";

    private final PartnerPolling polling;
    private final ZendeskPolls polls;

    ZendeskPollRoutes(PartnerPolling polling, ZendeskPolls polls) {
        this.polling = polling;
        this.polls = polls;
    }

    @Override
    public void configure() {
        PartnerTemplates.classifying(routeTemplate(ZENDESK_PARTNER)
                        .templateParameter("partner", null, "Partner id: lower-case letters, digits and '-'")
                        .templateParameter(
                                "baseUrl", null, "The help centre, for instance https://refugeeinfo.zendesk.com")
                        .templateParameter("locales", "en-us,ar,fa,fr,ur,uk", "Comma-separated Zendesk locales to poll")
                        .templateParameter("email", "", "E-mail of the Zendesk user whose API token is given")
                        .templateParameter(
                                "token",
                                "",
                                "API token (with email) or OAuth token; empty: configuration, else anonymous")
                        .templateParameter("language", "en", "Language of articles that name none")
                        .templateParameter("kind", "notice", "Kind of notice the articles become")
                        .templateParameter("interval", "10m", "Time between polls, for instance 10m or 1h")
                        .templateParameter(
                                "fullListing", "1h", "Longest time between listings of every page (finds deletions)")
                        .templateParameter(
                                "allowPrivateNetwork", "false", "Whether the help centre may be on a private network"))
                .from("timer:zendesk-{{partner}}?period={{interval}}&delay=1000")
                .routeConfigurationId(PartnerPolling.POLICY)
                .setProperty(PartnerPolling.PARTNER, constant("{{partner}}"))
                .setProperty(PartnerPolling.INTERVAL, constant("{{interval}}"))
                .process(PartnerPolling::begin)
                .filter(method(polling, "mayPoll"))
                .setProperty(BASE_URL, constant("{{baseUrl}}"))
                .setProperty(LOCALES, constant("{{locales}}"))
                .setProperty(EMAIL, constant("{{email}}"))
                .setProperty(TOKEN, constant("{{token}}"))
                .setProperty(LANGUAGE, constant("{{language}}"))
                .setProperty(KIND, constant("{{kind}}"))
                .setProperty(FULL_LISTING, constant("{{fullListing}}"))
                .setProperty(PRIVATE_NETWORK, constant("{{allowPrivateNetwork}}"))
                .process(this::poll)
                .process(polling::succeeded);
    }

    private void poll(Exchange exchange) throws Exception {
        int sent = polls.poll(new ZendeskPolls.Request(
                exchange.getProperty(PartnerPolling.PARTNER, String.class),
                exchange.getFromRouteId(),
                exchange.getProperty(BASE_URL, String.class),
                exchange.getProperty(LOCALES, String.class),
                exchange.getProperty(EMAIL, "", String.class),
                exchange.getProperty(TOKEN, "", String.class),
                exchange.getProperty(LANGUAGE, String.class),
                exchange.getProperty(KIND, String.class),
                Duration.ofMillis(TimeUtils.toMilliSeconds(exchange.getProperty(FULL_LISTING, String.class))),
                exchange.getProperty(PRIVATE_NETWORK, false, Boolean.class)));
        PartnerPolling.countSent(exchange, sent);
    }
}
