package gr.accmr.hub.review;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.Translation;
import gr.accmr.hub.platform.KafkaEndpoints;
import gr.accmr.hub.platform.KafkaPublisher;
import gr.accmr.hub.platform.NoticeRecords;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an editor does with a held version: approve it (with edits of a translation's title and
 * summary, which the city's channels show and the archive does not), or reject it with a reason.
 *
 * <p>An approval locks the entry, sends the version to {@code hub.notices.approved}, waits for
 * Kafka's acknowledgement, and only then records the decision: a failure before the commit leaves
 * the version awaiting review, and approving it again sends the same version, which a channel that
 * already has it ignores.
 */
@Component
public class Editing {

    /** Longest title and summary an editor may give; what a partner sends is held to the same. */
    static final int MAX_TITLE = 500;

    static final int MAX_SUMMARY = 2_000;

    /** An editor's text for one translation; a missing field keeps the partner's. */
    public record Edit(@Nullable String title, @Nullable String summary) {}

    /** Why a decision cannot be taken; the API answers it as a problem. */
    public static final class Refused extends RuntimeException {

        /**
         * Nothing under review by that id; the notice moved on (decided, or a newer version came); a
         * bad request; Kafka or PostgreSQL did not answer, so nothing was decided.
         */
        public enum Why {
            UNKNOWN,
            MOVED_ON,
            INVALID,
            UNAVAILABLE
        }

        private final Why why;

        Refused(String message, Why why) {
            super(message);
            this.why = why;
        }

        public Why why() {
            return why;
        }
    }

    /** Longest an editor waits for Kafka's acknowledgement of an approval before being told to try again. */
    static final Duration KAFKA_WAIT = Duration.ofSeconds(20);

    private final ReviewQueue queue;
    private final KafkaPublisher.BoundedProducer producer;
    private final TransactionTemplate transactions;
    private final String approvedTopic;

    @Autowired
    Editing(ReviewQueue queue, KafkaPublisher publisher, TransactionTemplate transactions, KafkaEndpoints kafka) {
        // Bounded, so an editor whose approval meets a Kafka outage hears so within seconds.
        this(
                queue,
                publisher.bounded("hub.review", Duration.ofSeconds(3), Duration.ofSeconds(15)),
                transactions,
                kafka.approvedTopic());
    }

    Editing(
            ReviewQueue queue,
            KafkaPublisher.BoundedProducer producer,
            TransactionTemplate transactions,
            String approvedTopic) {
        this.queue = queue;
        this.producer = producer;
        this.transactions = transactions;
        this.approvedTopic = approvedTopic;
    }

    /** Approves {@code version} of the notice, as edited; returns the notice as the channels show it. */
    public Notice approve(String id, int version, String editor, Map<String, Edit> edits) {
        return available(() -> transactions.execute(status -> {
            ReviewQueue.Entry entry = awaiting(id, version);
            Notice shown = edited(entry.notice(), edits);
            acknowledged(NoticeRecords.of(approvedTopic, shown));
            queue.approved(entry, editor, edits.isEmpty() ? null : json(edits));
            return shown;
        }));
    }

    public void reject(String id, int version, String editor, String reason) {
        if (reason.isBlank()) {
            throw new Refused("a rejection needs a reason", Refused.Why.INVALID);
        }
        available(() -> {
            transactions.executeWithoutResult(status -> queue.rejected(awaiting(id, version), editor, reason.strip()));
            return null;
        });
    }

    /** Waits for Kafka's acknowledgement; a refusal (and so a rollback) when it does not come. */
    private void acknowledged(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(KAFKA_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new Refused(
                    "Kafka did not take the approval; nothing was decided, approve again in a moment",
                    Refused.Why.UNAVAILABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("the hub is stopping; nothing was decided", Refused.Why.UNAVAILABLE);
        }
    }

    /** A decision the database could not take is a refusal to try again, not an error. */
    private static <T> T available(java.util.function.Supplier<T> decision) {
        try {
            return decision.get();
        } catch (DataAccessException e) {
            throw new Refused(
                    "the hub's database did not answer; nothing was decided, try again in a moment",
                    Refused.Why.UNAVAILABLE);
        }
    }

    @PreDestroy
    void close() {
        producer.close();
    }

    private ReviewQueue.Entry awaiting(String id, int version) {
        ReviewQueue.Entry entry = queue.lock(id)
                .orElseThrow(() -> new Refused("no notice " + id + " was held for review", Refused.Why.UNKNOWN));
        if (entry.version() != version) {
            throw new Refused(
                    "version " + version + " of " + id + " is not the one under review; version " + entry.version()
                            + " is " + entry.state(),
                    Refused.Why.MOVED_ON);
        }
        if (!entry.state().equals(ReviewQueue.AWAITING)) {
            throw new Refused(
                    "version " + version + " of " + id + " was " + entry.state()
                            + (entry.decidedBy() == null ? "" : " by " + entry.decidedBy()),
                    Refused.Why.MOVED_ON);
        }
        return entry;
    }

    /** The partner's notice with the editor's titles and summaries. */
    static Notice edited(Notice notice, Map<String, Edit> edits) {
        if (edits.isEmpty()) {
            return notice;
        }
        Map<String, Translation> translations = new LinkedHashMap<>(notice.translations());
        edits.forEach((language, edit) -> {
            Translation translation = translations.get(language);
            if (translation == null) {
                throw new Refused("the notice has no translation in '" + language + "' to edit", Refused.Why.INVALID);
            }
            String title = text(edit.title(), translation.title(), MAX_TITLE, "title");
            String summary = text(edit.summary(), translation.summary(), MAX_SUMMARY, "summary");
            translations.put(
                    language,
                    new Translation(
                            title,
                            summary,
                            translation.bodyHtml(),
                            translation.bodyText(),
                            translation.dir(),
                            translation.url(),
                            translation.languageSource(),
                            translation.updatedAt(),
                            translation.outdated()));
        });
        return notice.withTranslations(notice.publishedAt(), notice.originalLanguage(), translations, notice.links());
    }

    private static String text(@Nullable String edited, String original, int max, String field) {
        if (edited == null) {
            return original;
        }
        // Plain text on every channel: line breaks and surrounding space mean nothing there.
        String text = edited.strip().replaceAll("\\s+", " ");
        if (text.isEmpty() && field.equals("title")) {
            throw new Refused("an edited title cannot be empty", Refused.Why.INVALID);
        }
        if (text.codePointCount(0, text.length()) > max) {
            throw new Refused("an edited " + field + " has more than " + max + " characters", Refused.Why.INVALID);
        }
        return text;
    }

    private static String json(Map<String, Edit> edits) {
        try {
            return NoticeJson.mapper().writeValueAsString(edits);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
