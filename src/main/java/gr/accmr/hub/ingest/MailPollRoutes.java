package gr.accmr.hub.ingest;

import gr.accmr.hub.ingest.mail.AllowedSenders;
import gr.accmr.hub.ingest.mail.IncomingMail;
import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.platform.HubProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code imap-partner} route template: poll a partner's IMAPS mailbox and hand every unread
 * message from an allowed sender, as received, to {@code hub.inbound.raw} as a newsletter.
 *
 * <p>A message is flagged {@code \Seen} (and moved, with {@code moveTo}) only after its exchange
 * completed, that is after Kafka acknowledged it; when publishing fails the exchange fails, and
 * camel-mail leaves the message unread for the next poll (see {@link MailPolling}). Messages from
 * other senders are not published but still flagged, so they are not read again on every poll;
 * they stay in the mailbox for a person to look at. So are messages larger than a record can hold
 * (by the size the server reports, before their body is fetched): recorded in the partner's
 * health and {@code hub_mail_oversized_total}, and not downloaded again on every poll.
 */
@Component
class MailPollRoutes extends RouteBuilder {

    /** Template id partners name in {@code routes/*.yaml}. */
    static final String IMAP_PARTNER = "imap-partner";

    static final String KIND = "newsletter";

    private static final Logger log = LoggerFactory.getLogger(MailPollRoutes.class);

    private static final String SENDERS = "hubAllowedSenders";
    private static final String LANGUAGE = "hubLanguage";
    private static final String MAIL_PROPERTIES = "hubMailProperties";

    /** Room in a record for its key and headers beside the message. */
    private static final int RECORD_OVERHEAD = 64 * 1024;

    private final RawPublisher publisher;
    private final PartnerHealth health;
    private final MeterRegistry meters;
    private final long maxMessageBytes;

    MailPollRoutes(RawPublisher publisher, PartnerHealth health, MeterRegistry meters, HubProperties hub) {
        this.publisher = publisher;
        this.health = health;
        this.meters = meters;
        this.maxMessageBytes = hub.kafka().maxRecordBytes() - RECORD_OVERHEAD;
    }

    @Override
    public void configure() {
        PartnerTemplates.classifying(routeTemplate(IMAP_PARTNER)
                        .templateParameter("partner", null, "Partner id: lower-case letters, digits and '-'")
                        .templateParameter("host", null, "IMAPS server host name")
                        .templateParameter("port", "993", "IMAPS port")
                        .templateParameter("username", null, "Mailbox user")
                        .templateParameter(
                                "password", null, "Mailbox password; use {{env:NAME}} rather than writing it here")
                        .templateParameter("folder", "INBOX", "Folder to read")
                        .templateParameter(
                                "allowedSenders",
                                null,
                                "Comma-separated addresses or @domains whose messages are accepted")
                        .templateParameter("language", "en", "Language of messages that neither declare nor reveal one")
                        .templateParameter("interval", "10m", "Time between polls, for instance 10m or 1h")
                        .templateOptionalParameter(
                                "moveTo", "Folder processed messages move to; unset: they are only flagged seen")
                        .templateParameter(
                                "trustAllCertificates",
                                "false",
                                "Accept any server certificate and host name. For test servers only: never in production")
                        // Built when the partner route is created: a wrong definition fails at load time.
                        .templateBean(MAIL_PROPERTIES, Properties.class, MailPollRoutes::mailProperties))
                .from("imaps://{{host}}:{{port}}?username=RAW({{username}})&password=RAW({{password}})"
                        + "&folderName={{folder}}&unseen=true&peek=true&delete=false&mapMailMessage=false"
                        + "&moveTo={{?moveTo}}&additionalJavaMailProperties=#{{" + MAIL_PROPERTIES + "}}"
                        // A full mailbox is read over several polls instead of in one long one.
                        + "&maxMessagesPerPoll=100&delay={{interval}}&initialDelay=1000"
                        // Idle polls still report in, so the partner's health shows the mailbox is read.
                        + "&sendEmptyMessageWhenIdle=true"
                        // Login and network failures go through the route's policy, as one log line.
                        + "&bridgeErrorHandler=true")
                .routeConfigurationId(MailPolling.POLICY)
                .setProperty(PartnerPolling.PARTNER, constant("{{partner}}"))
                .setProperty(PartnerPolling.INTERVAL, constant("{{interval}}"))
                .setProperty(SENDERS, constant("{{allowedSenders}}"))
                .setProperty(LANGUAGE, constant("{{language}}"))
                .process(this::handOver);
    }

    /**
     * Checks the partner's parameters and returns the Jakarta Mail settings of its mailbox: the
     * server's certificate and host name are verified unless the partner explicitly trusts all.
     */
    static Properties mailProperties(RouteTemplateContext template) {
        Map<String, Object> parameters = template.getParameters();
        String partner = String.valueOf(parameters.get("partner"));
        if (!NoticeId.isValidPartner(partner)) {
            throw new IllegalArgumentException("invalid partner id '" + partner + "'");
        }
        AllowedSenders.parse(String.valueOf(parameters.get("allowedSenders")));
        Languages.normalize(String.valueOf(parameters.get("language")));
        Properties properties = new Properties();
        // Without a read timeout a server that stops answering would hang the poller forever.
        properties.setProperty("mail.imaps.timeout", "60000");
        if (Boolean.parseBoolean(
                String.valueOf(parameters.get("trustAllCertificates")).strip())) {
            log.warn("Partner {} accepts any certificate from its mail server: acceptable for tests only", partner);
            properties.setProperty("mail.imaps.ssl.trust", "*");
            properties.setProperty("mail.imaps.ssl.checkserveridentity", "false");
        } else {
            properties.setProperty("mail.imaps.ssl.checkserveridentity", "true");
        }
        return properties;
    }

    private void handOver(Exchange exchange) throws Exception {
        String partner = exchange.getProperty(PartnerPolling.PARTNER, String.class);
        String route = exchange.getFromRouteId();
        if (!(exchange.getIn() instanceof MailMessage mail)) {
            health.succeeded(partner, route, 0, Instant.now());
            return;
        }
        var message = mail.getOriginalMessage();
        AllowedSenders senders = AllowedSenders.parse(exchange.getProperty(SENDERS, String.class));
        var refused = senders.refusedSender(message);
        if (refused.isPresent()) {
            // Completing the exchange flags the message, so a stranger is counted once, not every poll.
            meters.counter("hub.mail.ignored", "partner", partner).increment();
            health.warn(partner, route, "ignored a message from " + refused.get() + ": not an allowed sender");
            log.info(
                    "Partner {} ({}): ignored a message from {}, not an allowed sender", partner, route, refused.get());
            return;
        }
        // RFC822.SIZE comes with the envelope: a message too large for a record is judged before
        // its body is downloaded, and completing the exchange flags it, so it is skipped once.
        int size = message.getSize();
        if (size > maxMessageBytes) {
            String[] ids = message.getHeader("Message-ID");
            String id = ids == null || ids.length == 0 ? "without a Message-ID" : ids[0].strip();
            meters.counter("hub.mail.oversized", "partner", partner).increment();
            String reason = "skipped message " + id + " of " + size + " bytes: larger than the " + maxMessageBytes
                    + " a record holds; it stays in the mailbox, flagged seen";
            health.warn(partner, route, reason);
            log.warn("Partner {} ({}): {}", partner, route, reason);
            return;
        }
        IncomingMail incoming = IncomingMail.of(message);
        publisher.publish(new RawDelivery(
                new NoticeId(partner, NoticeId.externalIdFor(incoming.messageId())),
                route,
                RawHeaders.EMAIL,
                incoming.bytes(),
                null,
                incoming.contentLanguage(),
                exchange.getProperty(LANGUAGE, String.class),
                KIND));
        // Kafka has it: from here on a failure would only re-send, never lose, the message.
        PartnerPolling.countSent(exchange);
        health.succeeded(partner, route, 1, Instant.now());
    }
}
