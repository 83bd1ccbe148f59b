package io.github.migrationtest.verifier.snapshot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date and time literals in stored expressions that are the time their object was created.
 * Postgres folds {@code 'now'}, {@code 'today'} and the like into a literal when it parses a
 * view, default, check constraint or index predicate, so the same DDL run twice stores two
 * different literals. A literal of type {@code date}, {@code time} or {@code timestamp} (with or
 * without time zone) that falls inside this run, from the start of this process to the read, can
 * only be such a time of creation: it is written back as Postgres' own name for it,
 * {@code 'now'::<type>}, which is stable, still valid SQL, and recreates the object the way the
 * migration did. A literal outside the run (a date written in a migration) stays as it is.
 *
 * <p>Postgres writes {@code timestamp with time zone} in the session's {@code TimeZone}, and the
 * folded {@code date}, {@code time} and {@code timestamp} values are the wall-clock time of the
 * creating session: the run is taken in the zone of the reading session, which is the creating one
 * in a verifier. The run's bounds are the server's clock: the process start is moved by the
 * server's clock offset, measured from the {@code now()} that each read fetches in its batch.
 */
final class CreationTimes {
    /** SQL columns a read fetches with its settings, in this order, for {@link #read(ResultSet, int)}. */
    static final String COLUMNS = "(extract(epoch from now()) * 1000000)::int8, current_setting('TimeZone'),"
            + " extract(timezone from now())::int";

    /** How far the bounds are widened: latency, rounding to a type's precision, clocks read apart. */
    private static final Duration SLACK = Duration.ofSeconds(1);
    /** When this process started (where the platform cannot say, when this class was loaded: later, never earlier). */
    private static final Instant PROCESS_START = ProcessHandle.current().info().startInstant().orElseGet(Instant::now);

    private static final Pattern LITERAL = Pattern.compile(
            "'([0-9:. +-]{8,40})'::(date|(?:timestamp|time)(?:\\(\\d\\))? with(?:out)? time zone)");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?: (\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?))?([+-]\\d{2}(?::\\d{2}){0,2})?");
    private static final Pattern TIME = Pattern.compile("(\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?)([+-]\\d{2}(?::\\d{2}){0,2})?");
    private static final String NOW = "'now'::";

    private final Instant from;
    private final Instant to;
    private final ZoneId zone;

    /** The run from {@code from} to {@code to} (inclusive), with wall-clock literals read in {@code zone}. */
    CreationTimes(Instant from, Instant to, ZoneId zone) {
        this.from = from;
        this.to = to;
        this.zone = zone;
    }

    /**
     * The run as seen from the row of {@link #COLUMNS} starting at {@code column}: from the start of
     * this process (on the server's clock) to the server's {@code now()}.
     */
    static CreationTimes read(ResultSet row, int column) throws SQLException {
        Instant jvmNow = Instant.now();
        long micros = row.getLong(column);
        Instant serverNow = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1_000L);
        Duration clockOffset = Duration.between(jvmNow, serverNow);
        return new CreationTimes(PROCESS_START.plus(clockOffset).minus(SLACK), serverNow.plus(SLACK),
                zone(row.getString(column + 1), row.getInt(column + 2)));
    }

    /** The session's zone; a POSIX zone Java does not know is taken at its current offset. */
    private static ZoneId zone(String timeZone, int offsetSeconds) {
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.ofTotalSeconds(offsetSeconds);
        }
    }

    /** {@code expression} with every date and time literal that falls in the run written as {@code 'now'}. */
    String normalise(String expression) {
        if (expression == null || !(expression.contains("'::date") || expression.contains("'::time"))) {
            return expression;
        }
        Matcher literal = LITERAL.matcher(expression);
        StringBuilder out = null;
        int copied = 0;
        while (literal.find()) {
            if (inRun(literal.group(1), literal.group(2))) {
                out = out == null ? new StringBuilder(expression.length()) : out;
                out.append(expression, copied, literal.start()).append(NOW).append(literal.group(2));
                copied = literal.end();
            }
        }
        return out == null ? expression : out.append(expression, copied, expression.length()).toString();
    }

    /** Whether the literal {@code text} of type {@code type} (as {@code format_type} names it) falls in the run. */
    boolean inRun(String text, String type) {
        try {
            if (type.startsWith("time") && !type.startsWith("timestamp")) {
                return timeInRun(text, type.endsWith("with time zone"));
            }
            Matcher parts = DATE_TIME.matcher(text);
            boolean date = type.equals("date");
            boolean withZone = type.endsWith("with time zone");
            if (!parts.matches() || (parts.group(4) == null) != date || (parts.group(5) != null) != withZone) {
                return false;
            }
            LocalDate day = LocalDate.of(Integer.parseInt(parts.group(1)), Integer.parseInt(parts.group(2)),
                    Integer.parseInt(parts.group(3)));
            if (date) {
                return !day.isBefore(from.atZone(zone).toLocalDate()) && !day.isAfter(to.atZone(zone).toLocalDate());
            }
            LocalDateTime local = LocalDateTime.of(day, LocalTime.parse(parts.group(4)));
            Instant instant = withZone ? OffsetDateTime.of(local, ZoneOffset.of(parts.group(5))).toInstant()
                    : local.atZone(zone).toInstant();
            return !instant.isBefore(from) && !instant.isAfter(to);
        } catch (DateTimeException | NumberFormatException e) {
            return false; // not a value Postgres writes for these types: leave it as it is
        }
    }

    /** A time of day falls in the run when the run's clock showed it: any time, in a run of a day or more. */
    private boolean timeInRun(String text, boolean withZone) {
        Matcher parts = TIME.matcher(text);
        if (!parts.matches() || withZone != (parts.group(2) != null)) {
            return false;
        }
        LocalTime time = LocalTime.parse(parts.group(1));
        ZoneId clock = zone;
        if (withZone) {
            time = OffsetTime.of(time, ZoneOffset.of(parts.group(2))).withOffsetSameInstant(ZoneOffset.UTC).toLocalTime();
            clock = ZoneOffset.UTC;
        }
        if (!Duration.between(from, to).minusDays(1).isNegative()) {
            return true;
        }
        LocalTime start = from.atZone(clock).toLocalTime();
        LocalTime end = to.atZone(clock).toLocalTime();
        return start.isAfter(end) ? !time.isBefore(start) || !time.isAfter(end)
                : !time.isBefore(start) && !time.isAfter(end);
    }
}
