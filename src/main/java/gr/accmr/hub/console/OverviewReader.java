package gr.accmr.hub.console;

import gr.accmr.hub.fanout.ArchivedNotices;
import gr.accmr.hub.ingest.PartnerHealth;
import gr.accmr.hub.platform.Failures;
import gr.accmr.hub.platform.HubProperties;
import gr.accmr.hub.platform.KafkaFigures;
import gr.accmr.hub.platform.Stage;
import gr.accmr.hub.platform.StageStatus;
import gr.accmr.hub.platform.Stages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.stereotype.Component;

/** Reads the overview from the modules that own each figure: health, partners, Kafka, stages, dead letters, archive. */
@Component
class OverviewReader {

    /** Longest reason shown for an unhealthy component; details beyond it are on {@code /actuator/health}. */
    private static final int MAX_REASON = 300;

    private final HealthContributorRegistry health;
    private final PartnerHealth partners;
    private final KafkaFigures kafka;
    private final Stages stages;
    private final DeadLetters deadLetters;
    private final ArchivedNotices archive;
    private final HubProperties.Kafka topics;

    OverviewReader(
            HealthContributorRegistry health,
            PartnerHealth partners,
            KafkaFigures kafka,
            Stages stages,
            DeadLetters deadLetters,
            ArchivedNotices archive,
            HubProperties properties) {
        this.health = health;
        this.partners = partners;
        this.kafka = kafka;
        this.stages = stages;
        this.deadLetters = deadLetters;
        this.archive = archive;
        this.topics = properties.kafka();
    }

    Overview read() {
        List<PartnerHealth.Status> known = partners.all();
        Overview.Partners partnerFigures = new Overview.Partners(
                known.size(),
                (int) known.stream()
                        .filter(status -> status.lastSuccessAt() != null)
                        .count(),
                (int) known.stream()
                        .filter(status -> status.consecutiveFailures() > 0)
                        .count());
        Map<String, KafkaFigures.TopicOffsets> offsets = Map.of();
        String kafkaProblem = null;
        try {
            offsets = kafka.topics(topics.topics()).stream()
                    .collect(Collectors.toMap(KafkaFigures.TopicOffsets::topic, Function.identity()));
        } catch (RuntimeException e) {
            kafkaProblem = Failures.describe(e);
        }
        List<Overview.Step> pipeline = new ArrayList<>();
        for (String topic : List.of(topics.rawTopic(), topics.noticesTopic(), topics.approvedTopic())) {
            KafkaFigures.TopicOffsets topicOffsets = offsets.get(topic);
            pipeline.add(new Overview.Step(
                    "topic", topic, null, null, topicOffsets == null ? null : topicOffsets.records(), null));
            for (StageStatus status : stages.statuses()) {
                Stage stage = stages.stage(status.stage()).orElse(null);
                if (stage != null && stage.topic().equals(topic)) {
                    pipeline.add(new Overview.Step(
                            "stage",
                            status.stage(),
                            status.state(),
                            status.reason(),
                            status.records(),
                            topicOffsets == null ? null : lag(stage, topicOffsets)));
                }
            }
        }
        return new Overview(
                Instant.now(),
                unhealthy(),
                partnerFigures,
                pipeline,
                deadLetters.count(new DeadLetters.Filter(null, null, null, null, null, "open")),
                archive.count(),
                kafkaProblem);
    }

    private @Nullable Long lag(Stage stage, KafkaFigures.TopicOffsets offsets) {
        try {
            return kafka.lag(stage.groupId(), offsets).lag();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Every component that is not UP, nested ones by their path, with what their details say. */
    List<Overview.Problem> unhealthy() {
        List<Overview.Problem> problems = new ArrayList<>();
        collect("", health, problems);
        return problems;
    }

    private static void collect(String prefix, HealthContributors contributors, List<Overview.Problem> problems) {
        contributors.stream().forEach(entry -> {
            String name = prefix + entry.name();
            HealthContributor contributor = entry.contributor();
            if (contributor instanceof CompositeHealthContributor composite) {
                collect(name + "/", composite, problems);
            } else if (contributor instanceof HealthIndicator indicator) {
                Health result = indicator.health(true);
                if (!Status.UP.equals(result.getStatus())) {
                    problems.add(new Overview.Problem(name, result.getStatus().getCode(), reason(result.getDetails())));
                }
            }
        });
    }

    private static String reason(Map<String, Object> details) {
        for (String key : List.of("reason", "error", "message")) {
            if (details.get(key) != null) {
                return shorten(String.valueOf(details.get(key)));
            }
        }
        return shorten(details.isEmpty() ? "" : details.toString());
    }

    private static String shorten(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }
}
