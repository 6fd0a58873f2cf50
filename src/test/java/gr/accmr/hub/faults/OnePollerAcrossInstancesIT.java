package gr.accmr.hub.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import gr.accmr.hub.harness.HubInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Two hubs on one broker and one database, both with the same feed partner: only one of them may
 * poll it at a time (a PostgreSQL lock decides which), and when that one is killed with SIGKILL the
 * other takes over within 30 s. Each hub reaches the feed through its own query string, so the
 * WireMock request log says which instance made every poll.
 */
class OnePollerAcrossInstancesIT {

    private static final String PARTNER = "shared-feed";
    private static final Duration FAIL_OVER = Duration.ofSeconds(30);
    private static final java.util.UUID FEED_STUB = java.util.UUID.randomUUID();

    @Test
    void pollsAFeedFromOneInstanceOnlyAndFailsOverWithinThirtySecondsWhenItIsKilled()
            throws IOException, InterruptedException {
        SoftAssertions softly = new SoftAssertions();
        WireMockServer feed = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        feed.start();
        List<String> items = new CopyOnWriteArrayList<>();
        // Entries the feed has served so far: only those can have been polled.
        AtomicInteger published = new AtomicInteger();
        List<RuntimeException> publishFailures = new CopyOnWriteArrayList<>();
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        try (FaultLab lab = new FaultLab("OnePollerAcrossInstancesIT").start()) {
            feed.stubFor(feedStub(items));
            // The partner publishes a new entry every second for the whole test.
            publisher.scheduleAtFixedRate(
                    () -> {
                        try {
                            items.add("entry-" + (items.size() + 1));
                            feed.editStub(feedStub(items));
                            published.set(items.size());
                        } catch (RuntimeException e) {
                            // A task that throws is never run again: keep publishing, and report it.
                            publishFailures.add(e);
                        }
                    },
                    0,
                    1,
                    TimeUnit.SECONDS);
            Path data = lab.folder("shared-data");
            // The partner's server runs on loopback, which only tests may open to partners.
            HubInstance a = lab.hub("a", data, routes(lab, "a", feed), "--hub.ingest.allow-loopback-for-tests=true");
            HubInstance b = lab.hub("b", data, routes(lab, "b", feed), "--hub.ingest.allow-loopback-for-tests=true");
            a.start();
            b.start();
            a.awaitServing(Duration.ofMinutes(3));
            b.awaitServing(Duration.ofMinutes(3));

            // Both are up: watch 20 s of polls.
            Instant bothUp = Instant.now();
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> polls(feed, bothUp).size() >= 5);
            FaultLab.pause(Duration.ofSeconds(20));
            Map<String, Long> before = polls(feed, bothUp).stream()
                    .collect(Collectors.groupingBy(
                            request -> request.queryParameter("instance").firstValue(), Collectors.counting()));
            lab.figure("pollsWhileBothUp", before);
            softly.assertThat(before)
                    .as("instances that polled while both were up")
                    .hasSize(1);

            String pollerName = before.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .orElseThrow()
                    .getKey();
            HubInstance poller = pollerName.equals("a") ? a : b;
            HubInstance other = poller == a ? b : a;
            String otherName = poller == a ? "b" : "a";
            poller.kill();
            Instant killed = Instant.now();

            Duration failOver;
            try {
                await("the other instance polls")
                        .atMost(Duration.ofMinutes(2))
                        .until(() -> polls(feed, killed).stream()
                                .anyMatch(request -> request.queryParameter("instance")
                                        .firstValue()
                                        .equals(otherName)));
                Instant first = polls(feed, killed).stream()
                        .filter(request ->
                                request.queryParameter("instance").firstValue().equals(otherName))
                        .map(request -> request.getLoggedDate().toInstant())
                        .min(Instant::compareTo)
                        .orElseThrow();
                failOver = Duration.between(killed, first);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                failOver = Duration.ofMinutes(2);
            }
            lab.figure("failOverSeconds", failOver.toMillis() / 1000.0);
            softly.assertThat(failOver)
                    .as("time from kill -9 of the poller to the other's first poll")
                    .isLessThanOrEqualTo(FAIL_OVER);

            // Let the survivor poll a while, then stop publishing and let it catch up.
            FaultLab.pause(Duration.ofSeconds(15));
            publisher.shutdown();
            softly.assertThat(publisher.awaitTermination(10, TimeUnit.SECONDS))
                    .as("the partner stopped publishing")
                    .isTrue();
            softly.assertThat(publishFailures)
                    .as("failures to publish the feed")
                    .isEmpty();
            List<String> served = List.copyOf(items.subList(0, published.get()));
            lab.figure("published", served.size());
            List<Channels.Expected> expected =
                    served.stream().map(id -> Channels.Expected.of(PARTNER, id)).toList();
            FaultChecks.everyNoticeOnceOnEveryChannel(
                    lab, other, expected, Website.staticSite(List.of(data.resolve("site"))), PARTNER, softly);
            lab.figure(
                    "pollsAfterKill",
                    polls(feed, killed).stream()
                            .collect(Collectors.groupingBy(
                                    request ->
                                            request.queryParameter("instance").firstValue(),
                                    Collectors.counting())));
            lab.figure("survivor", other.name());
            if (softly.errorsCollected().isEmpty()) {
                lab.passed();
            }
        } finally {
            publisher.shutdownNow();
            feed.stop();
        }
        softly.assertAll();
    }

    private static List<LoggedRequest> polls(WireMockServer feed, Instant since) {
        return feed
                .findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/feed.xml")))
                .stream()
                .filter(request -> !request.getLoggedDate().toInstant().isBefore(since))
                .toList();
    }

    private static Path routes(FaultLab lab, String instance, WireMockServer feed) throws IOException {
        Path folder = lab.folder("routes-" + instance);
        Files.writeString(folder.resolve(PARTNER + ".yaml"), """
                - templatedRoute:
                    routeTemplateRef: rss-partner
                    routeId: partner.%s
                    parameters:
                      - name: partner
                        value: %s
                      - name: url
                        value: %s/feed.xml?instance=%s
                      - name: language
                        value: en
                      - name: interval
                        value: 2s
                      - name: allowPrivateNetwork
                        value: true
                """.formatted(PARTNER, PARTNER, feed.baseUrl(), instance));
        return folder;
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder feedStub(List<String> items) {
        String entries = items.stream().map(id -> """
                        <item><title>Shared feed %s</title><guid isPermaLink="false">%s</guid>
                        <link>https://partner.example.org/%s</link>
                        <description>The partner's notice %s, polled by one hub only.</description></item>
                        """.formatted(id, id, id, id)).collect(Collectors.joining());
        return get(urlPathEqualTo("/feed.xml"))
                // One stub id: each new version of the feed replaces the last.
                .withId(FEED_STUB)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/rss+xml; charset=utf-8")
                        .withBody("""
                                <?xml version="1.0" encoding="UTF-8"?>
                                <rss version="2.0"><channel><title>Shared partner</title>
                                <link>https://partner.example.org/</link><description>d</description>
                                <language>en</language>
                                %s</channel></rss>
                                """.formatted(entries)));
    }
}
