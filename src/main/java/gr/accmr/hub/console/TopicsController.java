package gr.accmr.hub.console;

import gr.accmr.hub.platform.Failures;
import gr.accmr.hub.platform.HubProperties;
import gr.accmr.hub.platform.KafkaFigures;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The topics page: each hub topic's partitions, offsets and size, and how far each consumer group is behind. */
@Controller
class TopicsController implements ConsolePage {

    private final KafkaFigures kafka;
    private final List<String> topics;

    TopicsController(KafkaFigures kafka, HubProperties properties) {
        this.kafka = kafka;
        this.topics = properties.kafka().topics();
    }

    /** A topic as the page shows it, sizes in words. */
    record TopicView(
            String topic,
            long records,
            String size,
            List<PartitionView> partitions,
            List<KafkaFigures.GroupLag> groups) {}

    record PartitionView(int partition, long start, long end, long records, String size) {}

    @GetMapping("/console/topics")
    String page(Model model) {
        try {
            model.addAttribute(
                    "topics",
                    kafka.details(topics).stream()
                            .map(topic -> new TopicView(
                                    topic.topic(),
                                    topic.records(),
                                    size(topic.bytes()),
                                    topic.partitions().stream()
                                            .map(partition -> new PartitionView(
                                                    partition.partition(),
                                                    partition.start(),
                                                    partition.end(),
                                                    partition.records(),
                                                    size(partition.bytes())))
                                            .toList(),
                                    topic.groups()))
                            .toList());
        } catch (RuntimeException e) {
            model.addAttribute("topics", List.of());
            model.addAttribute("kafkaProblem", Failures.describe(e));
        }
        return "console/topics";
    }

    /** Bytes as people read them: 0 B, 12.3 KiB, 4.0 MiB. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
