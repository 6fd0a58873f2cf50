package gr.accmr.hub.ingest.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedSendersTest {

    private final AllowedSenders senders = AllowedSenders.parse(" news@cities-network.gr , @eurocities.eu");

    @Test
    void allowsAListedAddressWhateverItsCase() {
        assertThat(senders.allows("news@cities-network.gr")).isTrue();
        assertThat(senders.allows("News@Cities-Network.GR")).isTrue();
    }

    @Test
    void allowsAnyAddressOfAListedDomain() {
        assertThat(senders.allows("press@eurocities.eu")).isTrue();
        assertThat(senders.allows("someone.else@EUROCITIES.EU")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "other@cities-network.gr", // the address is listed, not its domain
                "press@news.eurocities.eu", // a subdomain is another sender
                "press@fake-eurocities.eu", // a domain that merely ends the same way
                "eurocities.eu",
                "@eurocities.eu",
                ""
            })
    void refusesEveryoneElse(String address) {
        assertThat(senders.allows(address)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " , ", "cities-network.gr", "news@", "a@b@c", "news @cities.gr"})
    void rejectsAListThatNamesNoSender(String list) {
        assertThatThrownBy(() -> AllowedSenders.parse(list)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsAMessageFromAnAllowedSender() throws Exception {
        MimeMessage message = message();
        message.setFrom(new InternetAddress("news@cities-network.gr", "Δίκτυο Πόλεων", "UTF-8"));

        assertThat(senders.refusedSender(message)).isEmpty();
    }

    @Test
    void namesTheStrangerOfARefusedMessage() throws Exception {
        MimeMessage message = message();
        message.setFrom(new InternetAddress("Offers <deals@spam.example>"));

        assertThat(senders.refusedSender(message)).contains("deals@spam.example");
    }

    @Test
    void refusesAMessageWhenAnyOfItsAuthorsIsAStranger() throws Exception {
        MimeMessage message = message();
        message.addFrom(new InternetAddress[] {
            new InternetAddress("news@cities-network.gr"), new InternetAddress("deals@spam.example")
        });

        assertThat(senders.refusedSender(message)).contains("deals@spam.example");
    }

    @Test
    void refusesAMessageWithoutFrom() throws Exception {
        MimeMessage message = message();
        message.removeHeader("From");

        assertThat(senders.refusedSender(message)).contains("(no From header)");
    }

    private static MimeMessage message() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setSubject("Newsletter");
        message.setText("Hello");
        return message;
    }
}
