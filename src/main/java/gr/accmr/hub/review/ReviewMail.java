package gr.accmr.hub.review;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.Translation;
import gr.accmr.hub.platform.HubProperties;
import gr.accmr.hub.platform.Leadership;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * E-mail to ACCMR's editors through the configured SMTP server ({@code spring.mail.*}) at the
 * addresses of {@code hub.review.editors}: each urgent notice held for review at once, so review
 * never delays urgent information by more than the editors' reaction, and once a day a digest of
 * what waits. One instance sends (leadership role {@value #ROLE}); a mail that cannot be sent is
 * tried again on the next round, never dropped.
 */
@Component
class ReviewMail {

    private static final Logger log = LoggerFactory.getLogger(ReviewMail.class);

    static final String ROLE = "review.mail";

    private static final TemplateEngine TEMPLATES = templates();

    private final ReviewQueue queue;
    private final ReviewProperties properties;
    private final ObjectProvider<JavaMailSender> senders;
    private final Leadership leadership;
    private final JdbcTemplate jdbc;
    private final String consoleUrl;

    ReviewMail(
            ReviewQueue queue,
            ReviewProperties properties,
            ObjectProvider<JavaMailSender> senders,
            Leadership leadership,
            JdbcTemplate jdbc,
            HubProperties hub) {
        this.queue = queue;
        this.properties = properties;
        this.senders = senders;
        this.leadership = leadership;
        this.jdbc = jdbc;
        this.consoleUrl = hub.publicUrl().replaceAll("/+$", "") + "/console/review";
        leadership.join(ROLE);
    }

    private static TemplateEngine templates() {
        ClassLoaderTemplateResolver text = new ClassLoaderTemplateResolver();
        text.setPrefix("templates/review/");
        text.setSuffix(".txt");
        text.setTemplateMode(TemplateMode.TEXT);
        text.setCharacterEncoding("UTF-8");
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(text);
        return engine;
    }

    /** Sends the e-mail of every urgent notice that waits for review and has none yet. */
    @Scheduled(fixedDelayString = "${hub.review.mail-interval:15s}")
    void sendUrgent() {
        JavaMailSender sender = sender();
        if (sender == null) {
            return;
        }
        for (ReviewQueue.Entry entry : queue.urgentUnmailed(20)) {
            Context context = context();
            context.setVariable("title", title(entry.notice()));
            context.setVariable("partner", entry.partner());
            context.setVariable("link", consoleUrl + "/" + entry.noticeId());
            if (!send(sender, "urgent", context)) {
                return;
            }
            queue.mailed(entry);
        }
    }

    /** Once a minute: the day's digest, once its time has come and no instance sent it yet. */
    @Scheduled(fixedDelayString = "${hub.review.digest-check:60s}")
    void digestWhenDue() {
        digestIfDue(ZonedDateTime.now(properties.digestZone()));
    }

    /** Sends the digest of {@code now}'s day if its time has passed and it was not sent; true if sent. */
    boolean digestIfDue(ZonedDateTime now) {
        JavaMailSender sender = sender();
        if (sender == null || now.toLocalTime().isBefore(properties.digestTime())) {
            return false;
        }
        LocalDate day = now.toLocalDate();
        Integer sent = jdbc.queryForObject(
                "SELECT count(*) FROM review_digest WHERE day = ?", Integer.class, Date.valueOf(day));
        if (sent != null && sent > 0) {
            return false;
        }
        List<ReviewQueue.Entry> waiting = queue.awaiting(200);
        if (!waiting.isEmpty()) {
            Context context = context();
            context.setVariable("day", day.format(DateTimeFormatter.ISO_LOCAL_DATE));
            context.setVariable("count", queue.waiting().all());
            context.setVariable(
                    "items",
                    waiting.stream()
                            .map(entry -> new Item(
                                    title(entry.notice()),
                                    entry.partner(),
                                    entry.urgent(),
                                    entry.heldAt()
                                            .atZone(properties.digestZone())
                                            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
                                    consoleUrl + "/" + entry.noticeId()))
                            .toList());
            context.setVariable("link", consoleUrl);
            if (!send(sender, "digest", context)) {
                return false;
            }
        }
        // A day with nothing waiting needs no e-mail, but counts as done.
        jdbc.update(
                "INSERT INTO review_digest (day, waiting) VALUES (?, ?) ON CONFLICT DO NOTHING",
                Date.valueOf(day),
                waiting.size());
        return !waiting.isEmpty();
    }

    /** One line of the digest. */
    record Item(String title, String partner, boolean urgent, String heldAt, String link) {}

    private @Nullable JavaMailSender sender() {
        if (properties.editors().isEmpty() || !leadership.isLeader(ROLE)) {
            return null;
        }
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null) {
            log.warn("hub.review.editors is set but no SMTP server is (spring.mail.host): editors get no e-mail");
        }
        return sender;
    }

    private Context context() {
        return new Context(Locale.forLanguageTag(language()));
    }

    private String language() {
        return properties.mailLanguage().equals("en") ? "en" : "el";
    }

    /** Renders {@code template} (its first line is the subject) and sends it; false when SMTP failed. */
    private boolean send(JavaMailSender sender, String template, Context context) {
        String text = TEMPLATES.process(template + "-" + language(), context);
        int end = text.indexOf('\n');
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(properties.mailFrom());
            helper.setTo(properties.editors().toArray(String[]::new));
            helper.setSubject(text.substring(0, end).strip());
            helper.setText(text.substring(end + 1).strip());
            sender.send(message);
            return true;
        } catch (MailException | MessagingException e) {
            log.warn("E-mail to the editors not sent, tried again on the next round: {}", e.toString());
            return false;
        }
    }

    /** The title editors know a notice by: its original language's, else any. */
    private static String title(Notice notice) {
        Translation original = notice.translations().get(notice.originalLanguage());
        if (original == null && !notice.translations().isEmpty()) {
            original = notice.translations().values().iterator().next();
        }
        return original == null ? notice.id() : original.title();
    }
}
