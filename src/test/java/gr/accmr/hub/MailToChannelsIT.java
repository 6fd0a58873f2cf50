package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import gr.accmr.hub.ingest.PartnerHealth;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A city network's newsletters reach the archive from its IMAPS mailbox (GreenMail, self-signed
 * certificate); a stranger's message does not; every processed message is flagged seen on the
 * server, one too large for a record included, which is skipped and recorded once.
 */
class MailToChannelsIT extends HubITSupport {

    private static final String PARTNER = "cities-network";
    private static final String ROUTE = "partner.cities-network";

    private static GreenMail mailServer;
    private static GreenMailUser mailbox;

    @Autowired
    CamelContext camel;

    @Autowired
    PartnerHealth health;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void startMailServer() {
        mailServer = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS));
        mailServer.start();
        mailbox = mailServer.setUser("hub@accmr.gr", "hub", "mailbox-secret");
    }

    @AfterAll
    static void stopMailServer() {
        mailServer.stop();
    }

    @Test
    void deliversAllowedNewslettersIgnoresStrangersAndFlagsWhatItProcessed() throws Exception {
        mailbox.deliver(newsletter(
                "el-2026-03@cities-network.gr",
                "news@cities-network.gr",
                "Δωρεάν μαθήματα ελληνικών για ενήλικες",
                null,
                "<p>Ξεκινούν οι εγγραφές στα <strong>δωρεάν</strong> μαθήματα ελληνικής γλώσσας για ενήλικες"
                        + " στα κέντρα κοινότητας του Δήμου Αθηναίων.</p>"));
        mailbox.deliver(newsletter(
                "ar-2026-03@cities-network.gr",
                "news@cities-network.gr",
                "دعم السكن للاجئين في أثينا",
                "ar",
                "<p>اجتمعت الشبكة هذا الشهر لمناقشة دعم السكن للاجئين المعترف بهم.</p>"));
        mailbox.deliver(newsletter(
                "offer-1@spam.example",
                "deals@spam.example",
                "Cheap flights to Athens",
                "en",
                "<p>Book now and save on every flight to Athens this spring.</p>"));
        // Larger than a record holds (2 MiB in these tests): skipped by its size and flagged, so it is fetched once.
        mailbox.deliver(newsletter(
                "big-2026-03@cities-network.gr",
                "news@cities-network.gr",
                "Annual report",
                "en",
                "<p>" + "The network's annual report. ".repeat(100_000) + "</p>"));

        TemplatedRouteBuilder.builder(camel, "imap-partner")
                .routeId(ROUTE)
                .parameter("partner", PARTNER)
                .parameter("host", "127.0.0.1")
                .parameter("port", String.valueOf(mailServer.getImaps().getPort()))
                .parameter("username", "hub")
                .parameter("password", "mailbox-secret")
                .parameter("allowedSenders", "@cities-network.gr, press@eurocities.eu")
                .parameter("language", "en")
                .parameter("interval", "2s")
                .parameter("trustAllCertificates", "true")
                .add();

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(getJson("/api/v1/archive/notices?partner=" + PARTNER))
                        .hasSize(2));

        JsonNode greek = getJson("/api/v1/archive/notices/" + PARTNER + ":el-2026-03@cities-network.gr")
                .get("notice");
        assertThat(greek.get("kind").asText()).isEqualTo("newsletter");
        assertThat(greek.get("originalLanguage").asText()).isEqualTo("el");
        assertThat(greek.at("/translations/el/title").asText()).isEqualTo("Δωρεάν μαθήματα ελληνικών για ενήλικες");
        assertThat(greek.at("/translations/el/bodyHtml").asText()).contains("<strong>δωρεάν</strong>");
        assertThat(greek.at("/source/route").asText()).isEqualTo(ROUTE);

        JsonNode arabic = getJson("/api/v1/archive/notices/" + PARTNER + ":ar-2026-03@cities-network.gr")
                .get("notice");
        assertThat(arabic.get("kind").asText()).isEqualTo("newsletter");
        assertThat(arabic.get("originalLanguage").asText()).isEqualTo("ar");
        assertThat(arabic.at("/translations/ar/dir").asText()).isEqualTo("rtl");
        assertThat(arabic.at("/translations/ar/title").asText()).isEqualTo("دعم السكن للاجئين في أثينا");

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(seen("el-2026-03@cities-network.gr")).isTrue();
            assertThat(seen("ar-2026-03@cities-network.gr")).isTrue();
            // Ignored, but flagged, so it is not read and counted again on every poll.
            assertThat(seen("offer-1@spam.example")).isTrue();
            assertThat(seen("big-2026-03@cities-network.gr")).isTrue();
            assertThat(meters.counter("hub.mail.oversized", "partner", PARTNER).count())
                    .isEqualTo(1.0);
        });
        assertThat(meters.counter("hub.mail.ignored", "partner", PARTNER).count())
                .isEqualTo(1.0);
        assertThat(getJson("/api/v1/archive/notices?partner=" + PARTNER))
                .extracting(notice -> notice.get("externalId").asText())
                .containsExactlyInAnyOrder("el-2026-03@cities-network.gr", "ar-2026-03@cities-network.gr");
    }

    private static boolean seen(String messageId) throws Exception {
        List<StoredMessage> messages =
                mailServer.getManagers().getImapHostManager().getInbox(mailbox).getMessages();
        for (StoredMessage message : messages) {
            String[] ids = message.getMimeMessage().getHeader("Message-ID");
            if (ids != null && Arrays.asList(ids).contains("<" + messageId + ">")) {
                return message.getFlags().contains(Flags.Flag.SEEN);
            }
        }
        throw new AssertionError("no message " + messageId + " in the mailbox");
    }

    private static MimeMessage newsletter(String messageId, String from, String subject, String language, String html)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        };
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("hub@accmr.gr"));
        message.setSubject(subject, "UTF-8");
        message.setHeader("Date", "Tue, 3 Mar 2026 09:15:00 +0200");
        if (language != null) {
            message.setHeader("Content-Language", language);
        }
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(html.replaceAll("<[^>]+>", ""), "UTF-8");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setContent(html, "text/html; charset=UTF-8");
        alternative.addBodyPart(text);
        alternative.addBodyPart(htmlPart);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }
}
