package gr.accmr.hub.ingest.feed;

import gr.accmr.hub.ingest.Checkpoints;
import gr.accmr.hub.ingest.OutboundHttp;
import gr.accmr.hub.ingest.PartnerHealth;
import gr.accmr.hub.ingest.PartnerPolling;
import gr.accmr.hub.ingest.RawDelivery;
import gr.accmr.hub.ingest.RawPublisher;
import gr.accmr.hub.notice.NoticeId;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The work of one feed poll: a polite conditional GET, the entries that are new or changed and not
 * older than the partner's cut-off, each handed to Kafka, then the checkpoints.
 */
@Component
public class FeedPoller {

    static final String ETAG = "feed.etag";
    static final String LAST_MODIFIED = "feed.last-modified";

    /** One partner's feed settings, from its route template parameters. */
    public record Settings(
            String partner,
            String route,
            URI url,
            String language,
            String kind,
            @Nullable Instant since,
            FeedSplitter.Identity identity,
            boolean allowPrivateNetwork) {}

    /**
     * What a GET returned: the feed with its {@code Content-Type} (whose charset decides how it is
     * decoded), or nothing new since the validators we sent.
     */
    public record Fetch(
            byte[] body,
            @Nullable String contentType,
            @Nullable String etag,
            @Nullable String lastModified,
            boolean notModified) {}

    private final OutboundHttp http;
    private final Checkpoints checkpoints;
    private final SeenEntries seen;
    private final RawPublisher raw;
    private final PartnerHealth health;
    private final FeedSplitter splitter = new FeedSplitter();

    FeedPoller(OutboundHttp http, Checkpoints checkpoints, SeenEntries seen, RawPublisher raw, PartnerHealth health) {
        this.http = http;
        this.checkpoints = checkpoints;
        this.seen = seen;
        this.raw = raw;
        this.health = health;
    }

    /** Reads a {@code since} parameter: empty, an ISO date or instant, or a period back from now ({@code 30d}, {@code P6M}). */
    public static @Nullable Instant since(String value, Instant now) {
        String text = value.strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (text.matches("\\d+d")) {
                return now.minus(Period.ofDays(Integer.parseInt(text.substring(0, text.length() - 1))));
            }
            if (text.startsWith("P")) {
                return now.atZone(ZoneOffset.UTC).minus(Period.parse(text)).toInstant();
            }
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("since must be an ISO date, an instant or a period like 30d: " + value);
        }
    }

    /** Conditional GET with the stored validators; 429 and 503 ask us to come back later. */
    public Fetch fetch(Settings settings) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(
                "Accept",
                "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5");
        checkpoints.get(settings.partner(), ETAG).ifPresent(etag -> headers.put("If-None-Match", etag));
        checkpoints.get(settings.partner(), LAST_MODIFIED).ifPresent(date -> headers.put("If-Modified-Since", date));
        OutboundHttp.Response response = http.get(settings.url(), headers, settings.allowPrivateNetwork());
        int status = response.status();
        if (status == 304) {
            return new Fetch(new byte[0], null, null, null, true);
        }
        if (status == 429 || status == 503) {
            throw new PartnerPolling.RetryLaterException(
                    "HTTP " + status + " from " + settings.url(), OutboundHttp.retryAfter(response, Instant.now()));
        }
        if (status < 200 || status > 299) {
            throw new IOException("HTTP " + status + " from " + settings.url());
        }
        return new Fetch(
                response.body(),
                response.header("Content-Type").orElse(null),
                response.header("ETag").orElse(null),
                response.header("Last-Modified").orElse(null),
                false);
    }

    /** The entries to send: new or changed since the last poll, and not older than the cut-off. */
    public List<FeedEntry> entriesToSend(Settings settings, Fetch fetch) throws FeedSplitter.UnreadableFeedException {
        FeedSplitter.Split split = splitter.split(fetch.body(), settings.identity(), fetch.contentType());
        for (String warning : split.warnings()) {
            health.warn(settings.partner(), settings.route(), warning);
        }
        return split.entries().stream()
                .filter(entry -> settings.since() == null
                        || entry.date() == null
                        || !entry.date().isBefore(settings.since()))
                .filter(entry -> seen.isNewOrChanged(settings.partner(), entry))
                .toList();
    }

    /** Hands one entry to Kafka and, once acknowledged, remembers it as sent. */
    public void send(Settings settings, FeedEntry entry) {
        raw.publish(new RawDelivery(
                new NoticeId(settings.partner(), entry.externalId()),
                settings.route(),
                entry.contentType(),
                entry.document(),
                settings.url().toString(),
                entry.language(),
                settings.language(),
                settings.kind()));
        seen.markSent(settings.partner(), entry);
    }

    /** After every entry of the poll was acknowledged: the validators for the next conditional GET. */
    public void checkpoint(Settings settings, Fetch fetch) {
        store(settings.partner(), ETAG, Optional.ofNullable(fetch.etag()));
        store(settings.partner(), LAST_MODIFIED, Optional.ofNullable(fetch.lastModified()));
    }

    private void store(String partner, String name, Optional<String> value) {
        if (value.isPresent()) {
            checkpoints.put(partner, name, value.get());
        } else {
            checkpoints.remove(partner, name);
        }
    }
}
