package gr.accmr.hub.normalize.internal;

import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.notice.Translation;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;

/**
 * A newsletter e-mail, as ingest fetched it from the partner's mailbox, to a notice draft: the
 * subject is the title, the HTML part (else the text part) the body, the {@code Date} header the
 * publication time. A newsletter in several languages in one message ({@code
 * multipart/multilingual}, RFC 8255) becomes one notice with a translation per language.
 *
 * <p>The language is the one the message declares ({@code Content-Language}), else the one {@link
 * LanguageDetector} recognizes in its text, else the partner's default.
 *
 * <p>Attachments have no URL the hub could link to, so each is described by a URN naming its
 * content, {@code urn:accmr:mail-attachment:sha256:<hex>}, with its media type, size in bytes and
 * file name; the bytes themselves stay in the raw record. Inline parts an HTML body refers to by
 * {@code cid:} (logos, pictures) are not attachments: the sanitizer drops such images anyway.
 */
final class EmailNewsletterNormalizer implements SourceNormalizer {

    static final String ATTACHMENT_URN = "urn:accmr:mail-attachment:sha256:";

    /** A MIME tree deeper than this is no newsletter but an attempt to exhaust the stack. */
    private static final int MAX_DEPTH = 10;

    private static final Session SESSION = Session.getInstance(new Properties());

    private final LanguageDetector detector;

    EmailNewsletterNormalizer() {
        this(LanguageDetector.shared());
    }

    EmailNewsletterNormalizer(LanguageDetector detector) {
        this.detector = detector;
    }

    @Override
    public String contentType() {
        return RawHeaders.EMAIL;
    }

    @Override
    public Outcome normalize(RawRecord raw) {
        try {
            return new Outcome.Draft(draft(raw));
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("not a readable e-mail message: " + e.getMessage(), e);
        }
    }

    Notice draft(RawRecord raw) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw.bytes()));
        String subject = subject(message);
        Instant sent = sent(message);
        if (baseType(message).equals("multipart/multilingual") && message.getContent() instanceof Multipart parts) {
            return multilingual(raw, parts, subject, sent);
        }
        Parts parts = new Parts();
        collect(message, parts, 0);
        String bodyHtml = bodyHtml(parts);
        String bodyText = PlainText.ofSanitized(bodyHtml);
        if (subject.isEmpty() && bodyText.isEmpty()) {
            throw new IllegalArgumentException("e-mail has neither a subject nor any text");
        }
        Fields.LanguageChoice choice = language(raw, message, subject, bodyText);
        return raw.draft(
                Notice.Kind.of(raw.defaultKind()),
                sent,
                sent,
                choice.tag(),
                Map.of(choice.tag(), translation(subject, bodyHtml, choice)),
                List.of(),
                null,
                List.of(),
                parts.attachments);
    }

    /**
     * A newsletter in several languages in one message (RFC 8255, {@code multipart/multilingual}):
     * every {@code message/rfc822} part with a {@code Content-Language} is a translation, with its
     * own subject; the one whose {@code Content-Translation-Type} is {@code original} (else the
     * first) is the original language. The preface for mail readers that do not know the format,
     * and a language-independent ({@code zxx}) part, are no translation.
     */
    private Notice multilingual(RawRecord raw, Multipart multilingual, String subject, @Nullable Instant sent)
            throws MessagingException, IOException {
        Map<String, Translation> translations = new LinkedHashMap<>();
        Set<Notice.Attachment> attachments = new LinkedHashSet<>();
        String original = null;
        for (int i = 0; i < multilingual.getCount(); i++) {
            BodyPart part = multilingual.getBodyPart(i);
            String[] languages = part.getHeader("Content-Language");
            String declared = languages == null ? null : languages[0];
            String type = baseType(part);
            if (!(type.equals("message/rfc822") || type.equals("message/global"))
                    || declared == null
                    || declared.isBlank()
                    || declared.strip().equalsIgnoreCase("zxx")) {
                continue;
            }
            String language = Languages.normalize(declared.split(",", 2)[0].strip());
            MimeMessage translated = part.getContent() instanceof MimeMessage inner
                    ? inner
                    : new MimeMessage(SESSION, part.getInputStream());
            Parts parts = new Parts();
            collect(translated, parts, 1);
            String bodyHtml = bodyHtml(parts);
            String ownSubject = subject(translated);
            if (translations.containsKey(language)
                    || (ownSubject.isEmpty() && PlainText.ofSanitized(bodyHtml).isEmpty())) {
                continue;
            }
            translations.put(
                    language,
                    translation(
                            ownSubject.isEmpty() ? subject : ownSubject,
                            bodyHtml,
                            new Fields.LanguageChoice(language, Translation.DECLARED)));
            attachments.addAll(parts.attachments);
            String[] translationType = part.getHeader("Content-Translation-Type");
            if (original == null
                    && translationType != null
                    && translationType[0].strip().equalsIgnoreCase("original")) {
                original = language;
            }
        }
        if (translations.isEmpty()) {
            throw new IllegalArgumentException("multilingual e-mail without any part in a language");
        }
        return raw.draft(
                Notice.Kind.of(raw.defaultKind()),
                sent,
                sent,
                original != null ? original : translations.keySet().iterator().next(),
                translations,
                List.of(),
                null,
                List.of(),
                List.copyOf(attachments));
    }

    private static Translation translation(String subject, String bodyHtml, Fields.LanguageChoice choice) {
        String bodyText = PlainText.ofSanitized(bodyHtml);
        return Fields.translation(subject, PlainText.summary(bodyText, choice.tag()), bodyHtml, bodyText, choice, null);
    }

    /**
     * The Date header as {@link PartnerDates} reads it, else as Jakarta Mail does; none if
     * unreadable. Jakarta Mail's lenient reader takes a zone it does not know ({@code EEST}, {@code
     * GMT+2}) for UTC, hours off.
     */
    private static @Nullable Instant sent(MimeMessage message) throws MessagingException {
        String[] date = message.getHeader("Date");
        Instant sent = date == null ? null : PartnerDates.parseLeniently(date[0], Fields.PARTNER_ZONE);
        if (sent == null && message.getSentDate() != null) {
            sent = message.getSentDate().toInstant();
        }
        return sent;
    }

    private static String subject(MimeMessage message) throws MessagingException {
        return message.getSubject() == null
                ? ""
                : message.getSubject().replaceAll("\\s+", " ").strip();
    }

    /** The HTML body, else the text body as paragraphs, sanitized. */
    private static String bodyHtml(Parts parts) {
        return parts.html != null
                ? HtmlSanitizer.sanitize(bodyOf(parts.html), null)
                : parts.text != null ? HtmlSanitizer.sanitize(paragraphs(parts.text), null) : "";
    }

    /** What the MIME tree holds: the first HTML and plain-text bodies, and the attachments. */
    private static final class Parts {
        @Nullable
        String html;

        @Nullable
        String text;

        final List<Notice.Attachment> attachments = new ArrayList<>();
    }

    private static void collect(Part part, Parts parts, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("MIME parts nested deeper than " + MAX_DEPTH);
        }
        String type = baseType(part);
        if (isAttachment(part, type)) {
            parts.attachments.add(attachment(part, type));
        } else if (type.startsWith("multipart/") && part.getContent() instanceof Multipart multipart) {
            // multipart/alternative lists plain text first and HTML after; both are kept and
            // HTML wins below, whatever the order.
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, parts, depth + 1);
            }
        } else if (type.equals("text/html") && parts.html == null) {
            parts.html = text(part);
        } else if (type.equals("text/plain") && parts.text == null) {
            parts.text = text(part);
        }
        // Anything else inline (cid: images of multipart/related, calendar parts) is decoration.
    }

    private static boolean isAttachment(Part part, String type) throws MessagingException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return true;
        }
        // A named non-text part with no Content-ID is a file, whatever its disposition says;
        // with a Content-ID it is an inline picture of the HTML body.
        String[] contentId = part.getHeader("Content-ID");
        return !type.startsWith("text/")
                && !type.startsWith("multipart/")
                && part.getFileName() != null
                && (contentId == null || contentId.length == 0);
    }

    private static Notice.Attachment attachment(Part part, String type) throws MessagingException, IOException {
        MessageDigest sha256 = sha256();
        long length = 0;
        try (InputStream in = new DigestInputStream(part.getInputStream(), sha256)) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                length += n;
            }
        }
        String name = part.getFileName();
        if (name != null && name.contains("=?")) {
            // Many mailers encode file names the RFC 2047 way, which Jakarta Mail leaves as is.
            name = MimeUtility.decodeText(name);
        }
        return new Notice.Attachment(
                ATTACHMENT_URN + HexFormat.of().formatHex(sha256.digest()),
                type,
                length,
                name == null || name.isBlank() ? null : name.strip());
    }

    private static String text(Part part) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            if (content instanceof String string) {
                return string;
            }
        } catch (UnsupportedEncodingException unknownCharset) {
            // An unknown charset name: UTF-8 is what such mailers almost always meant.
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The body of an HTML document; the head (title, styles) is no part of the text. */
    private static String bodyOf(String html) {
        Document document = Jsoup.parse(html);
        document.select("style, script, template").remove();
        document.outputSettings().prettyPrint(false);
        return document.body().html();
    }

    /** Plain text as HTML paragraphs: a blank line separates paragraphs, a line break stays one. */
    static String paragraphs(String text) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : text.replace("\r\n", "\n").strip().split("\n\\s*\n")) {
            if (!paragraph.isBlank()) {
                html.append("<p>")
                        .append(HtmlUtils.htmlEscape(paragraph.strip(), "UTF-8").replace("\n", "<br>"))
                        .append("</p>");
            }
        }
        return html.toString();
    }

    /** Declared by ingest or in the message, else detected, else the partner's default. */
    private Fields.LanguageChoice language(RawRecord raw, MimeMessage message, String subject, String bodyText)
            throws MessagingException {
        String header = message.getHeader("Content-Language", ",");
        for (String candidate : new String[] {raw.declaredLanguage(), header}) {
            if (candidate != null && !candidate.isBlank()) {
                try {
                    return new Fields.LanguageChoice(
                            Languages.normalize(candidate.split(",", 2)[0]), Translation.DECLARED);
                } catch (IllegalArgumentException ignored) {
                    // A malformed declaration is no declaration: try the next source.
                }
            }
        }
        return detector.detect((subject + "\n" + bodyText).strip())
                .map(tag -> new Fields.LanguageChoice(tag, Translation.DETECTED))
                .orElseGet(() ->
                        new Fields.LanguageChoice(Languages.normalize(raw.defaultLanguage()), Translation.DEFAULT));
    }

    private static String baseType(Part part) throws MessagingException {
        String contentType = part.getContentType();
        if (contentType == null) {
            return "text/plain";
        }
        try {
            return new ContentType(contentType).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException malformed) {
            // RFC 2045: an unreadable Content-Type is read as text/plain.
            return "text/plain";
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
