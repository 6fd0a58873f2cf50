package gr.accmr.hub.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Records per minute through the pipeline's main stages on this instance over the last hour, for
 * the overview's chart: sampled from the stages' own counters once a minute, kept in memory (a
 * restarted instance starts a new hour).
 */
@Component
class Throughput {

    /** The stages charted, in pipeline order, each with its line's colour. */
    static final Map<String, String> CHARTED = chartedStages();

    static final int MINUTES = 60;

    /** Drawing size of the chart, in SVG user units. */
    static final int WIDTH = 600;

    static final int HEIGHT = 120;

    /** One stage's line: its name, colour, the last minute's figure, and the SVG points. */
    record Line(String stage, String colour, long lastMinute, String points) {}

    /** The chart: the highest figure of any minute (the top of the scale) and one line per stage. */
    record Chart(long max, int minutes, List<Line> lines) {}

    private final MeterRegistry meters;
    private final Map<String, Deque<Long>> perMinute = new LinkedHashMap<>();
    private final Map<String, Double> lastTotal = new LinkedHashMap<>();

    Throughput(MeterRegistry meters) {
        this.meters = meters;
        CHARTED.keySet().forEach(stage -> perMinute.put(stage, new ArrayDeque<>()));
    }

    private static Map<String, String> chartedStages() {
        Map<String, String> stages = new LinkedHashMap<>();
        stages.put("normalize.notices", "#1f5f9e");
        stages.put("fanout.website", "#b5530f");
        stages.put("fanout.mobile", "#2e7d32");
        return stages;
    }

    @Scheduled(
            fixedRateString = "${hub.console.throughput-sample:60s}",
            initialDelayString = "${hub.console.throughput-sample:60s}")
    synchronized void sample() {
        for (String stage : CHARTED.keySet()) {
            Counter counter =
                    meters.find("hub.stage.records").tag("stage", stage).counter();
            double total = counter == null ? 0 : counter.count();
            Double before = lastTotal.put(stage, total);
            Deque<Long> minutes = perMinute.get(stage);
            minutes.addLast(before == null ? 0 : Math.max(0, Math.round(total - before)));
            while (minutes.size() > MINUTES) {
                minutes.removeFirst();
            }
        }
    }

    synchronized Chart chart() {
        long max = Math.max(
                1,
                perMinute.values().stream()
                        .flatMap(Deque::stream)
                        .mapToLong(Long::longValue)
                        .max()
                        .orElse(0));
        List<Line> lines = new ArrayList<>();
        int minutes = 0;
        for (Map.Entry<String, Deque<Long>> stage : perMinute.entrySet()) {
            List<Long> values = new ArrayList<>(stage.getValue());
            minutes = Math.max(minutes, values.size());
            // Right-aligned: the newest minute is at the right edge, an hour ago at the left.
            int offset = MINUTES - values.size();
            String points = java.util.stream.IntStream.range(0, values.size())
                    .mapToObj(i -> String.format(
                            Locale.ROOT,
                            "%.1f,%.1f",
                            (offset + i) * (double) WIDTH / (MINUTES - 1),
                            HEIGHT - values.get(i) * (double) HEIGHT / max))
                    .collect(Collectors.joining(" "));
            lines.add(new Line(
                    stage.getKey(),
                    CHARTED.get(stage.getKey()),
                    values.isEmpty() ? 0 : values.get(values.size() - 1),
                    points));
        }
        return new Chart(max, minutes, lines);
    }
}
