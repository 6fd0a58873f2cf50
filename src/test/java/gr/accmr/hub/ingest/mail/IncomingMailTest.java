package gr.accmr.hub.ingest.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class IncomingMailTest {

    private static final Session SESSION = Session.getInstance(new Properties());

    @Test
    void keepsTheBytesOfTheMessageAsTheServerHasThem() throws Exception {
        byte[] raw = ("From: news@cities-network.gr\r\nMessage-ID: <n-12@cities-network.gr>\r\n"
                        + "Subject: =?UTF-8?B?zp3Orc6x?=\r\nContent-Language: el-GR, en\r\n\r\nΚαλημέρα\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        IncomingMail mail = IncomingMail.of(new MimeMessage(SESSION, new ByteArrayInputStream(raw)));

        assertThat(mail.bytes()).isEqualTo(raw);
        assertThat(mail.messageId()).isEqualTo("n-12@cities-network.gr");
        assertThat(mail.contentLanguage()).isEqualTo("el-GR");
    }

    @Test
    void identifiesAMessageWithoutMessageIdByItsContent() throws Exception {
        byte[] raw = "From: news@cities-network.gr\r\nSubject: Hello\r\n\r\nHi\r\n".getBytes();

        IncomingMail first = IncomingMail.of(new MimeMessage(SESSION, new ByteArrayInputStream(raw)));
        IncomingMail again = IncomingMail.of(new MimeMessage(SESSION, new ByteArrayInputStream(raw)));

        assertThat(first.messageId()).startsWith("sha256-").hasSize("sha256-".length() + 64);
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(first.contentLanguage()).isNull();
    }

    @Test
    void readsAMessageBuiltByAMailer() throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom(new InternetAddress("news@cities-network.gr"));
        message.setSubject("Lettre du réseau", "UTF-8");
        message.setText("Bonjour", "UTF-8");
        message.saveChanges();
        // After saveChanges, as a received message: Jakarta Mail would otherwise invent a Message-ID.
        message.setHeader("Message-ID", "<fr-3@cities-network.gr>");

        IncomingMail mail = IncomingMail.of(message);

        assertThat(mail.messageId()).isEqualTo("fr-3@cities-network.gr");
        assertThat(new String(mail.bytes(), java.nio.charset.StandardCharsets.US_ASCII))
                .contains("Subject: =?UTF-8?Q?Lettre_du_r=C3=A9seau?=");
    }
}
