package gr.accmr.hub.notice;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One piece of partner information in all the languages it exists in, as carried on {@code
 * hub.notices} and documented in {@code docs/schemas/notice.schema.json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notice(
        String id,
        String partner,
        String externalId,
        Kind kind,
        Status status,
        Urgency urgency,
        int version,
        String contentHash,
        @Nullable Instant publishedAt,
        @Nullable Instant updatedAt,
        @Nullable Instant validFrom,
        @Nullable Instant expiresAt,
        String originalLanguage,
        Map<String, Translation> translations,
        List<String> categories,
        @Nullable Location location,
        List<Link> links,
        List<Attachment> attachments,
        Source source) {

    public Notice {
        translations = Map.copyOf(translations);
        categories = List.copyOf(categories);
        links = List.copyOf(links);
        attachments = List.copyOf(attachments);
    }

    /** The translation in the partner's original language, or any one when that is missing. */
    public Translation original() {
        Translation original = translations.get(originalLanguage);
        return original != null ? original : translations.values().iterator().next();
    }

    public Notice withVersion(int version, String contentHash) {
        return copy(
                kind,
                status,
                urgency,
                version,
                contentHash,
                publishedAt,
                originalLanguage,
                translations,
                categories,
                links);
    }

    /** The same notice, withdrawn: channels remove it, the archive keeps it. */
    public Notice retracted() {
        return copy(
                kind,
                Status.RETRACTED,
                urgency,
                version,
                contentHash,
                publishedAt,
                originalLanguage,
                translations,
                categories,
                links);
    }

    /** The same notice with another set of translations (merged, or with their times settled). */
    public Notice withTranslations(
            @Nullable Instant publishedAt,
            String originalLanguage,
            Map<String, Translation> translations,
            List<Link> links) {
        return copy(
                kind,
                status,
                urgency,
                version,
                contentHash,
                publishedAt,
                originalLanguage,
                translations,
                categories,
                links);
    }

    /** The same notice in the hub's categories, kind and urgency (see {@code Classification}). */
    public Notice classified(Kind kind, Urgency urgency, List<String> categories) {
        return copy(
                kind,
                status,
                urgency,
                version,
                contentHash,
                publishedAt,
                originalLanguage,
                translations,
                categories,
                links);
    }

    private Notice copy(
            Kind kind,
            Status status,
            Urgency urgency,
            int version,
            String contentHash,
            @Nullable Instant publishedAt,
            String originalLanguage,
            Map<String, Translation> translations,
            List<String> categories,
            List<Link> links) {
        return new Notice(
                id,
                partner,
                externalId,
                kind,
                status,
                urgency,
                version,
                contentHash,
                publishedAt,
                updatedAt,
                validFrom,
                expiresAt,
                originalLanguage,
                translations,
                categories,
                location,
                links,
                attachments,
                source);
    }

    /** Whether channels should show the notice at the given moment. */
    public boolean visibleAt(Instant now) {
        return status == Status.PUBLISHED && (expiresAt == null || expiresAt.isAfter(now));
    }

    public enum Kind {
        @JsonProperty("news")
        NEWS,
        @JsonProperty("notice")
        NOTICE,
        @JsonProperty("event")
        EVENT,
        @JsonProperty("service")
        SERVICE,
        @JsonProperty("newsletter")
        NEWSLETTER,
        @JsonProperty("alert")
        ALERT;

        /** Reads the lower-case form used in JSON and in partner definitions. */
        public static Kind of(String value) {
            return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }

    public enum Status {
        @JsonProperty("published")
        PUBLISHED,
        @JsonProperty("retracted")
        RETRACTED
    }

    public enum Urgency {
        @JsonProperty("normal")
        NORMAL,
        @JsonProperty("urgent")
        URGENT
    }

    /** A GeoJSON point, longitude first, and a postal address; either may be missing. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Location(
            @Nullable GeoPoint point, @Nullable String address) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GeoPoint(String type, List<Double> coordinates) {
        public static GeoPoint of(double longitude, double latitude) {
            return new GeoPoint("Point", List.of(longitude, latitude));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Link(
            String href, @Nullable String rel, @Nullable String title) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attachment(
            String href,
            @Nullable String type,
            @Nullable Long length,
            @Nullable String title) {}

    /** Where the notice came from: the route, the partner URL and the raw record it was made of. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(
            String route,
            @Nullable String url,
            Instant receivedAt,
            String rawTopic,
            int rawPartition,
            long rawOffset) {}
}
