package gr.accmr.hub.normalize.internal;

import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.YEAR;
import static java.util.Map.entry;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Dates as partner feeds, APIs and e-mails really send them, read into an {@link Instant}.
 *
 * <p>Accepted forms; runs of whitespace, one trailing period and one trailing comment such as
 * {@code (EEST)} are ignored, and letters may be in any case:
 *
 * <ul>
 *   <li>RFC 822, 1123 and 2822, as in RSS and mail: {@code [Tue,] 3 Mar 2026 10:15[:00] [zone]}.
 *       The day name is dropped unchecked, as feeds often get it wrong. The day has one or two
 *       digits, the month is English, short or full. A two-digit year is 1950–2049 (RFC 2822). The
 *       time may be left out: the start of that day. The zone is a numeric offset ({@code +0300},
 *       {@code +03:00}, {@code +3}, {@code -0000}), optionally after {@code GMT}, {@code UTC} or
 *       {@code UT} ({@code GMT+2}, {@code UTC+03:00}), or an abbreviation read as a fixed offset
 *       whatever the date: Z UT UTC GMT, the US zones of RFC 822 (EST EDT CST CDT MST MDT PST PDT),
 *       WET WEST BST (British summer) CET CEST EET EEST MSK. Other abbreviations, ambiguous ones
 *       like IST, and military letters other than Z are rejected.
 *   <li>ISO 8601 and RFC 3339: {@code 2026-03-03T10:15:00.123456+02:00}, with {@code T} or a space;
 *       seconds, fraction (digits beyond nanoseconds are dropped) and offset ({@code Z}, {@code
 *       +02:00}, {@code +0200}, {@code +02}) optional; date only {@code 2026-03-03}; basic format
 *       {@code 20260303T101500Z}, {@code 20260303}.
 *   <li>Epoch, decided by magnitude, with an optional decimal fraction: from 10⁸ to below 10¹⁰ it
 *       counts seconds, from 10¹¹ to below 10¹³ milliseconds; both ranges cover 1973-03-03 to
 *       2286-11-20. Anything else (11 digits, 14 or more, below 10⁸, negative) is rejected as it
 *       could be either unit or neither.
 * </ul>
 *
 * <p>Without a zone, a time is in the default zone: a time in a daylight saving gap moves forward
 * by the length of the gap, a time in the overlap takes the earlier (summer) offset. Year 0 and
 * fields out of range (month 13, day 32, 30 February, hour 24, second 60) are rejected.
 */
public final class PartnerDates {

    /** Zone abbreviations as fixed offsets: those of RFC 822 and those European partners write. */
    static final Map<String, ZoneOffset> ZONES = Map.ofEntries(
            entry("Z", ZoneOffset.UTC),
            entry("UT", ZoneOffset.UTC),
            entry("UTC", ZoneOffset.UTC),
            entry("GMT", ZoneOffset.UTC),
            entry("EST", ZoneOffset.ofHours(-5)),
            entry("EDT", ZoneOffset.ofHours(-4)),
            entry("CST", ZoneOffset.ofHours(-6)),
            entry("CDT", ZoneOffset.ofHours(-5)),
            entry("MST", ZoneOffset.ofHours(-7)),
            entry("MDT", ZoneOffset.ofHours(-6)),
            entry("PST", ZoneOffset.ofHours(-8)),
            entry("PDT", ZoneOffset.ofHours(-7)),
            entry("WET", ZoneOffset.UTC),
            entry("WEST", ZoneOffset.ofHours(1)),
            entry("BST", ZoneOffset.ofHours(1)),
            entry("CET", ZoneOffset.ofHours(1)),
            entry("CEST", ZoneOffset.ofHours(2)),
            entry("EET", ZoneOffset.ofHours(2)),
            entry("EEST", ZoneOffset.ofHours(3)),
            entry("MSK", ZoneOffset.ofHours(3)));

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0]+");
    private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s*\\([^()]*\\)$");
    private static final Pattern DAY_NAME =
            Pattern.compile("^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s*(?=\\d)", Pattern.CASE_INSENSITIVE);
    private static final Pattern EPOCH = Pattern.compile("\\d{9,13}(?:\\.\\d+)?");
    private static final Pattern ISO_SPACE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) ");
    private static final Pattern EXCESS_FRACTION = Pattern.compile("(\\.\\d{9})\\d+");
    /** An RFC date split after its time, if any: the rest is the zone. */
    private static final Pattern RFC_TIME_AND_ZONE = Pattern.compile("(.*?\\d:\\d{2}(?::\\d{2})?)\\s*(.*)");

    private static final Pattern NUMERIC_ZONE = Pattern.compile("(?:GMT|UTC|UT)?([+-])(\\d{1,2}):?(\\d{2})?");
    private static final BigDecimal SECONDS_FROM = new BigDecimal("1e8");
    private static final BigDecimal SECONDS_UNTIL = new BigDecimal("1e10");
    private static final BigDecimal MILLIS_FROM = new BigDecimal("1e11");
    private static final BigDecimal MILLIS_UNTIL = new BigDecimal("1e13");

    private static final DateTimeFormatter RFC = strict(new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("d [MMMM][MMM] ")
            .appendValueReduced(YEAR, 2, 4, 1950)
            .appendPattern("[ H:mm[:ss]]"));
    private static final DateTimeFormatter ISO = strict(new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("uuuu-MM-dd['T'HH:mm[:ss")
            .appendFraction(NANO_OF_SECOND, 0, 9, true)
            .appendPattern("][XXX][X]]"));
    private static final DateTimeFormatter ISO_BASIC = strict(new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("uuuuMMdd['T'HHmm[ss")
            .appendFraction(NANO_OF_SECOND, 0, 9, true)
            .appendPattern("][X]]"));

    private PartnerDates() {}

    /**
     * The instant the text stands for, or null for null or blank text.
     *
     * @throws IllegalArgumentException for text in none of the accepted forms, quoting it
     */
    public static @Nullable Instant parse(@Nullable String text, ZoneId defaultZone) {
        String s = text == null ? "" : WHITESPACE.matcher(text).replaceAll(" ").strip();
        if (s.isEmpty()) {
            return null;
        }
        s = TRAILING_COMMENT
                .matcher(s.endsWith(".") ? s.substring(0, s.length() - 1) : s)
                .replaceFirst("");
        try {
            Instant instant;
            if (EPOCH.matcher(s).matches()) {
                instant = epoch(new BigDecimal(s));
            } else if (s.length() >= 8 && s.chars().limit(4).allMatch(Character::isDigit)) {
                s = EXCESS_FRACTION
                        .matcher(ISO_SPACE.matcher(s).replaceFirst("$1T"))
                        .replaceFirst("$1");
                instant = instant((s.charAt(4) == '-' ? ISO : ISO_BASIC).parse(s), null, defaultZone);
            } else {
                instant = rfc(DAY_NAME.matcher(s).replaceFirst(""), defaultZone);
            }
            if (instant != null) {
                return instant;
            }
        } catch (DateTimeException e) {
            throw notADate(text, e);
        }
        throw notADate(text, null);
    }

    /** The same as {@link #parse}, but null instead of an exception for text that is not a date. */
    public static @Nullable Instant parseLeniently(@Nullable String text, ZoneId defaultZone) {
        try {
            return parse(text, defaultZone);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Epoch seconds or milliseconds, told apart by magnitude as in the class comment; else null. */
    public static @Nullable Instant parseEpoch(long value) {
        return epoch(BigDecimal.valueOf(value));
    }

    private static @Nullable Instant epoch(BigDecimal value) {
        BigDecimal seconds;
        if (value.compareTo(SECONDS_FROM) >= 0 && value.compareTo(SECONDS_UNTIL) < 0) {
            seconds = value;
        } else if (value.compareTo(MILLIS_FROM) >= 0 && value.compareTo(MILLIS_UNTIL) < 0) {
            seconds = value.movePointLeft(3);
        } else {
            return null;
        }
        BigDecimal whole = seconds.setScale(0, RoundingMode.DOWN);
        return Instant.ofEpochSecond(
                whole.longValueExact(),
                seconds.subtract(whole).movePointRight(9).intValue());
    }

    private static Instant rfc(String s, ZoneId defaultZone) {
        Matcher timeAndZone = RFC_TIME_AND_ZONE.matcher(s);
        if (!timeAndZone.matches()) {
            return instant(RFC.parse(s), null, defaultZone);
        }
        String zone = timeAndZone.group(2).toUpperCase(Locale.ROOT);
        ZoneOffset offset = ZONES.get(zone);
        Matcher numeric = NUMERIC_ZONE.matcher(zone);
        if (offset == null && numeric.matches()) {
            int sign = numeric.group(1).equals("-") ? -1 : 1;
            int minutes = numeric.group(3) == null ? 0 : Integer.parseInt(numeric.group(3));
            offset = ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(numeric.group(2)), sign * minutes);
        } else if (offset == null && !zone.isEmpty()) {
            throw new DateTimeException("unknown zone " + zone);
        }
        return instant(RFC.parse(timeAndZone.group(1)), offset, defaultZone);
    }

    private static Instant instant(TemporalAccessor parsed, @Nullable ZoneOffset offset, ZoneId defaultZone) {
        LocalDate date = LocalDate.from(parsed);
        if (date.getYear() < 1) {
            throw new DateTimeException("year " + date.getYear());
        }
        ZoneOffset parsedOffset = parsed.query(TemporalQueries.offset());
        ZoneId zone = offset != null ? offset : parsedOffset != null ? parsedOffset : defaultZone;
        LocalTime time = parsed.query(TemporalQueries.localTime());
        return (time == null ? date.atStartOfDay(zone) : date.atTime(time).atZone(zone)).toInstant();
    }

    private static DateTimeFormatter strict(DateTimeFormatterBuilder builder) {
        return builder.toFormatter(Locale.ENGLISH)
                .withChronology(IsoChronology.INSTANCE)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    private static IllegalArgumentException notADate(@Nullable String text, @Nullable Exception cause) {
        String quoted = WHITESPACE.matcher(String.valueOf(text)).replaceAll(" ").strip();
        quoted = quoted.length() > 80 ? quoted.substring(0, 79) + "…" : quoted;
        return new IllegalArgumentException("not a date: '" + quoted + "'", cause);
    }
}
