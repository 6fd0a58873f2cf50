package gr.accmr.hub.faults;

import static org.awaitility.Awaitility.await;

import gr.accmr.hub.harness.HubInstance;
import gr.accmr.hub.harness.Pusher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The static website's disk fails for a minute ({@code faults.sink-down}): the site folder is
 * swapped for a plain file, so every page write fails with an IOException (the hub runs as root,
 * so taking permissions away would not stop it). The website stage must wait, not dead-letter,
 * and write the pages it missed afterwards in the order of {@code hub.notices}; the other channels
 * keep flowing meanwhile.
 */
class WebsiteSinkDownIT {

    private static final Duration DOWN = FaultLab.duration("faults.sink-down", Duration.ofSeconds(60));

    @Test
    void writesEveryPageOnceAndInOrderAfterTheSiteFolderWasUnwritableForAMinute() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        try (FaultLab lab = new FaultLab("WebsiteSinkDownIT").start()) {
            HubInstance hub = lab.hub("hub", lab.noRoutes());
            hub.startAndAwait();
            lab.subscribeAlerts(hub);
            Pusher pusher = lab.pusher(hub);
            pusher.start(5);
            await().atMost(Duration.ofMinutes(1)).until(() -> pusher.acknowledgedCount() >= 30);

            Path site = hub.siteDir();
            Path aside = site.resolveSibling("site.aside");
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.isDirectory(site));
            Files.move(site, aside);
            Files.writeString(site, "not a folder: the website's disk is failing", StandardCharsets.UTF_8);
            long acknowledgedBefore = pusher.acknowledgedCount();
            lab.hold(DOWN, hub);
            lab.figure("acknowledgedDuringFault", pusher.acknowledgedCount() - acknowledgedBefore);
            // Two renames, so the hub never sees a half-restored folder.
            Files.move(site, site.resolveSibling("site.broken"));
            Files.move(aside, site);
            lab.faultEnded();
            lab.figure("sinkDownSeconds", DOWN.toSeconds());

            long after = pusher.acknowledgedCount() + 30;
            await().atMost(Duration.ofMinutes(2)).until(() -> pusher.acknowledgedCount() >= after);
            FaultChecks.drain(lab, pusher, softly);
            FaultChecks.everyNoticeOnceOnEveryChannel(
                    lab, hub, FaultChecks.expected(pusher), Website.staticSite(List.of(site)), Pusher.PARTNER, softly);

            List<String> outOfOrder = outOfOrder(lab.records("hub.notices"), site);
            lab.figure("pagesOutOfOrder", outOfOrder.size());
            softly.assertThat(outOfOrder)
                    .as("pages written before a page that precedes them on their hub.notices partition")
                    .isEmpty();
            double waits = hub.counter("hub_stage_waits_total", "website");
            lab.figure("stageWaits", waits);
            softly.assertThat(waits)
                    .as("hub_stage_waits_total of the website stage")
                    .isGreaterThan(0);
            if (softly.errorsCollected().isEmpty()) {
                lab.passed();
            }
        }
        softly.assertAll();
    }

    /**
     * Notices whose page is older than the page of a notice before them on the same partition:
     * Kafka orders a partition, so a stage that delivers in order writes pages in offset order.
     */
    private static List<String> outOfOrder(List<ConsumerRecord<String, byte[]>> notices, Path site) {
        Map<Integer, List<ConsumerRecord<String, byte[]>>> partitions = notices.stream()
                .filter(record -> record.key() != null && record.key().startsWith(Pusher.PARTNER + ":"))
                .collect(Collectors.groupingBy(ConsumerRecord::partition));
        List<String> late = new ArrayList<>();
        partitions.values().forEach(records -> {
            FileTime newest = FileTime.fromMillis(0);
            for (ConsumerRecord<String, byte[]> record : records.stream()
                    .sorted(Comparator.comparingLong(ConsumerRecord::offset))
                    .toList()) {
                Path page = site.resolve(Channels.Expected.of(
                                Pusher.PARTNER, record.key().substring(Pusher.PARTNER.length() + 1))
                        .pagePath());
                if (!Files.isRegularFile(page)) {
                    // A missing page is reported by the delivery check, not here.
                    continue;
                }
                FileTime written = modified(page);
                if (written.compareTo(newest) < 0) {
                    late.add(record.key());
                } else {
                    newest = written;
                }
            }
        });
        return late;
    }

    private static FileTime modified(Path page) {
        try {
            return Files.getLastModifiedTime(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
