package gr.accmr.hub.normalize.internal;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;

/** Newsletters as city networks send them, built with Jakarta Mail the way a mailer would. */
final class Newsletters {

    static final String GREEK_SUBJECT = "Ενημερωτικό δελτίο: δωρεάν μαθήματα ελληνικών";
    static final String GREEK_TEXT = "Αγαπητοί εταίροι,\n\nΞεκινούν οι εγγραφές στα δωρεάν μαθήματα ελληνικής γλώσσας"
            + " για ενήλικες στα κέντρα κοινότητας του Δήμου Αθηναίων.\n\nΜε εκτίμηση,\nΤο Δίκτυο Πόλεων";
    static final String GREEK_HTML = """
            <!DOCTYPE html><html><head><title>Δελτίο Μαρτίου</title>
            <style>p { color: #333 }</style></head>
            <body><h2>Δωρεάν μαθήματα ελληνικών</h2>
            <p>Ξεκινούν οι εγγραφές στα <strong>δωρεάν</strong> μαθήματα ελληνικής γλώσσας για ενήλικες
            στα κέντρα κοινότητας του Δήμου Αθηναίων.</p>
            <p><img src="cid:logo@cities.gr" alt="λογότυπο">
            <a href="https://www.cityofathens.gr/kentra" onclick="steal()">Τα κέντρα</a></p>
            <script>alert('x')</script></body></html>""";

    static final String ARABIC_SUBJECT = "نشرة الشبكة: دعم السكن للاجئين";
    static final String ARABIC_HTML = "<p>أعزاءنا الشركاء، اجتمعت الشبكة هذا الشهر في سالونيك لمناقشة دعم السكن"
            + " للاجئين المعترف بهم. ستجدون أدناه محضر الاجتماع والخطوات التالية.</p>";

    static final String FRENCH_SUBJECT = "Lettre du réseau – mars 2026";
    static final String FRENCH_TEXT = "Chers partenaires,\n\nCe mois-ci, le réseau s'est réuni à Thessalonique pour"
            + " parler du logement des réfugiés reconnus.\nVous trouverez ci-dessous le compte rendu et les"
            + " prochaines étapes.\n\nInscriptions : 3 < 5 places restantes & gratuites.";

    static final String DATE = "Tue, 3 Mar 2026 09:15:00 +0200";

    private static final Session SESSION = Session.getInstance(new Properties());

    private Newsletters() {}

    static MimeMessage message(String messageId, String subject) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(SESSION) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // Keep the Message-ID the test chose; Jakarta Mail would invent one on save.
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress("news@cities-network.gr", "Δίκτυο Πόλεων", "UTF-8"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("hub@accmr.gr"));
        // setSubject with a charset encodes the RFC 2047 way, as every mailer does for non-ASCII.
        message.setSubject(subject, "UTF-8");
        message.setHeader("Date", DATE);
        return message;
    }

    /** multipart/alternative: plain text and HTML, no declared language. */
    static MimeMessage greekAlternative() throws MessagingException, IOException {
        MimeMessage message = message("<2026-03.el@cities-network.gr>", GREEK_SUBJECT);
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text(GREEK_TEXT));
        alternative.addBodyPart(html(GREEK_HTML));
        message.setContent(alternative);
        return message;
    }

    /** HTML only, declaring its language with a region. */
    static MimeMessage arabicDeclared() throws MessagingException, IOException {
        MimeMessage message = message("<2026-03.ar@cities-network.gr>", ARABIC_SUBJECT);
        message.setContent(ARABIC_HTML, "text/html; charset=UTF-8");
        message.setHeader("Content-Language", "ar-SA");
        return message;
    }

    /** Plain text only, quoted-printable, no declared language. */
    static MimeMessage frenchTextOnly() throws MessagingException, IOException {
        MimeMessage message = message("<2026-03.fr@cities-network.gr>", FRENCH_SUBJECT);
        message.setText(FRENCH_TEXT, "UTF-8");
        message.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return message;
    }

    /** multipart/mixed: the Greek alternative body, an inline logo, and a PDF programme. */
    static MimeMessage greekWithAttachment(byte[] pdf) throws MessagingException, IOException {
        MimeMessage message = message("<2026-03.el.pdf@cities-network.gr>", GREEK_SUBJECT);
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text(GREEK_TEXT));
        alternative.addBodyPart(html(GREEK_HTML));
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);

        MimeBodyPart logo = new MimeBodyPart();
        logo.setContent(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");
        logo.setFileName("logo.png");
        logo.setContentID("<logo@cities.gr>");
        logo.setDisposition(MimeBodyPart.INLINE);

        MimeBodyPart programme = new MimeBodyPart();
        programme.setContent(pdf, "application/pdf");
        programme.setDisposition(MimeBodyPart.ATTACHMENT);
        // Outlook and Gmail still name files the RFC 2047 way.
        programme.setFileName(MimeUtility.encodeText("Πρόγραμμα μαθημάτων.pdf", "UTF-8", "B"));
        programme.setHeader("Content-Transfer-Encoding", "base64");

        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(logo);
        mixed.addBodyPart(programme);
        message.setContent(mixed);
        return message;
    }

    /**
     * One newsletter in Greek (the original) and Arabic, RFC 8255 style: a preface for mail readers
     * that do not know the format, then each language as a whole message with its own subject.
     */
    static MimeMessage greekAndArabicMultilingual() throws MessagingException, IOException {
        MimeMessage message = message("<2026-03.multi@cities-network.gr>", GREEK_SUBJECT);
        message.setHeader("Content-Language", "el, ar");
        MimeMultipart multilingual = new MimeMultipart("multilingual");
        multilingual.addBodyPart(
                text("This message is in Greek and Arabic. / Το μήνυμα είναι στα ελληνικά και αραβικά."));
        multilingual.addBodyPart(language("el", "original", greekAlternative()));
        multilingual.addBodyPart(language("ar", "human", arabicDeclared()));
        message.setContent(multilingual);
        return message;
    }

    private static MimeBodyPart language(String language, String translationType, MimeMessage translated)
            throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(translated, "message/rfc822");
        part.setHeader("Content-Language", language);
        part.setHeader("Content-Translation-Type", translationType);
        return part;
    }

    static byte[] bytes(MimeMessage message) throws MessagingException, IOException {
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static MimeBodyPart text(String text) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, "UTF-8");
        return part;
    }

    private static MimeBodyPart html(String html) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(html, "text/html; charset=UTF-8");
        return part;
    }
}
