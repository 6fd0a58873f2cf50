package gr.accmr.hub.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The pipeline at a glance, as the overview page and {@code GET /api/v1/admin/overview} show it:
 * what is unhealthy and why first, then each topic and stage in the order records flow through them.
 *
 * @param unhealthy health components that are not UP, with their reason
 * @param partners partners known to the hub, how many were reached at least once, how many fail now
 * @param pipeline topics and stages from partners to channels
 * @param openDeadLetters dead letters waiting for an operator
 * @param archivedNotices notices in the archive
 * @param kafkaProblem why topic figures are missing, when Kafka did not answer
 */
record Overview(
        Instant at,
        List<Problem> unhealthy,
        Partners partners,
        List<Step> pipeline,
        long openDeadLetters,
        long archivedNotices,
        @Nullable String kafkaProblem) {

    /** A health component that is not UP; {@code component} is its path, such as {@code partnerRoutes}. */
    record Problem(String component, String status, String reason) {}

    record Partners(int known, int reached, int failing) {}

    /**
     * A topic ({@code records} on it) or a stage ({@code state}, its consumer group's {@code lag});
     * figures Kafka did not give are null.
     */
    record Step(
            String kind,
            String name,
            @Nullable String state,
            @Nullable String reason,
            @Nullable Long records,
            @Nullable Long lag) {}

    /** When the figures were read, as the page shows it (UTC, to the second). */
    public String time() {
        return DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
                .withZone(ZoneOffset.UTC)
                .format(at);
    }

    /** The pipeline as the page draws it: each topic a column, and the stages reading it the next one. */
    public List<List<Step>> columns() {
        List<List<Step>> columns = new ArrayList<>();
        for (Step step : pipeline) {
            List<Step> last = columns.isEmpty() ? null : columns.get(columns.size() - 1);
            if (last != null
                    && step.kind().equals("stage")
                    && last.get(0).kind().equals("stage")) {
                last.add(step);
            } else {
                columns.add(new ArrayList<>(List.of(step)));
            }
        }
        return columns;
    }
}
