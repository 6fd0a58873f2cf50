package gr.accmr.hub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import gr.accmr.hub.platform.HubProperties;
import gr.accmr.hub.platform.PartnerClassifications;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Keeps the running partners in step with the routes folder: one Camel YAML file per partner,
 * loaded once the hub's own templates are in place, then rescanned every couple of seconds. A new
 * file starts its partner, a changed one restarts it, a removed one stops it. A file that does not
 * load is reported (log and health) with its reason; the partner keeps running its last good
 * definition, and the other partners are untouched.
 */
@Component
class PartnerRoutes implements CamelContextConfiguration, HealthIndicator, PartnerDefinitions {

    private static final Logger log = LoggerFactory.getLogger(PartnerRoutes.class);
    private static final long SCAN_SECONDS = 2;

    private final Path folder;
    /** Per file: the text last seen, the last text that loaded, its routes, and why the last one failed. */
    private final Map<Path, Loaded> files = new TreeMap<>();

    private final ScheduledExecutorService scanner = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hub-routes-watch");
        thread.setDaemon(true);
        return thread;
    });

    private volatile boolean folderMissing;
    private CamelContext camel;

    private record Loaded(
            String seen,
            String content,
            Set<String> routeIds,
            @Nullable String error) {}

    PartnerRoutes(HubProperties properties) {
        this.folder = properties.routesDir().toAbsolutePath().normalize();
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {}

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        this.camel = camelContext;
        scan();
        long ok =
                files.values().stream().filter(loaded -> loaded.error() == null).count();
        log.info("Loaded {} of {} partner definitions from {}; watching for changes", ok, files.size(), folder);
        scanner.scheduleWithFixedDelay(this::scanQuietly, SCAN_SECONDS, SCAN_SECONDS, TimeUnit.SECONDS);
    }

    /** Stops watching when the context goes down. */
    @jakarta.annotation.PreDestroy
    void stop() {
        scanner.shutdownNow();
    }

    private void scanQuietly() {
        try {
            scan();
        } catch (RuntimeException e) {
            log.error("Scanning the routes folder {} failed: {}", folder, e.getMessage());
        }
    }

    synchronized void scan() {
        if (!Files.isDirectory(folder)) {
            if (!folderMissing) {
                log.warn(
                        "Routes folder {} does not exist: no partner is polled. Create it or start with --hub.routes-dir=<folder>.",
                        folder);
            }
            folderMissing = true;
            return;
        }
        folderMissing = false;
        Map<Path, String> present = contents();
        for (Path gone : Set.copyOf(files.keySet())) {
            if (!present.containsKey(gone)) {
                removeRoutes(files.remove(gone).routeIds());
                log.info("Partner definition {} was removed; its partner stopped", gone.getFileName());
            }
        }
        present.forEach(this::apply);
    }

    private void apply(Path file, String content) {
        Loaded previous = files.get(file);
        if (previous != null && previous.seen().equals(content)) {
            return;
        }
        Set<String> keep = previous == null ? Set.of() : previous.routeIds();
        removeRoutes(keep);
        try {
            Set<String> started = load(file, content);
            files.put(file, new Loaded(content, content, started, null));
            started.stream()
                    .filter(id -> !id.startsWith(PartnerLeadership.PARTNER_ROUTES))
                    .forEach(id -> log.warn(
                            "Route {} of {} does not start with '{}': it runs on every hub instance, not on one at a time",
                            id,
                            file.getFileName(),
                            PartnerLeadership.PARTNER_ROUTES));
            log.info(
                    "{} partner definition {}: routes {}",
                    previous == null ? "Loaded" : "Reloaded",
                    file.getFileName(),
                    started);
        } catch (Exception e) {
            String reason = PartnerPolling.describe(e);
            log.error("Partner definition {} is invalid and was not loaded: {}", file, reason);
            Set<String> restored = Set.of();
            if (previous != null && previous.error() == null) {
                // Keep the partner running on its last good definition.
                try {
                    restored = load(file, previous.content());
                } catch (Exception again) {
                    log.error(
                            "Could not restore the last good definition of {}: {}",
                            file,
                            PartnerPolling.describe(again));
                }
            }
            files.put(file, new Loaded(content, previous == null ? content : previous.content(), restored, reason));
        }
    }

    private Set<String> load(Path file, String content) throws Exception {
        refuseRouteIdsOfOtherFiles(file, content);
        Set<String> before = routeIds();
        Resource resource = ResourceHelper.fromString("file:" + file, content);
        try {
            PluginHelper.getRoutesLoader(camel).loadRoutes(resource);
            // A malformed classification would fail every record in normalize: refuse the file now.
            PartnerClassifications classifications = new PartnerClassifications(camel);
            routeIds().stream().filter(id -> !before.contains(id)).forEach(classifications::forRoute);
        } catch (Exception e) {
            // A half-loaded file must not leave routes behind.
            Set<String> partial = new HashSet<>(routeIds());
            partial.removeAll(before);
            removeRoutes(partial);
            throw e;
        }
        Set<String> added = new HashSet<>(routeIds());
        added.removeAll(before);
        // A role can be granted while its route is still being added, when there is nothing to
        // start yet: now that the route is there, its holder starts it.
        added.forEach(id -> PartnerLeadership.startIfLeading(camel, id));
        return Set.copyOf(added);
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * Camel replaces a route whose id is loaded again, so a second file naming another file's
     * {@code routeId} would silently take over that partner: such a file is refused instead.
     */
    private void refuseRouteIdsOfOtherFiles(Path file, String content) {
        JsonNode definitions;
        try {
            definitions = YAML.readTree(content);
        } catch (IOException e) {
            return; // Not YAML at all: Camel's loader reports it with its own words.
        }
        if (definitions == null || !definitions.isArray()) {
            return;
        }
        for (JsonNode definition : definitions) {
            String id = definition
                    .path("templatedRoute")
                    .path("routeId")
                    .asText(definition.path("route").path("id").asText(""));
            files.forEach((other, loaded) -> {
                if (!other.equals(file) && loaded.routeIds().contains(id)) {
                    throw new IllegalArgumentException("routeId " + id + " is already used by " + other.getFileName()
                            + "; give this partner its own");
                }
            });
        }
    }

    private void removeRoutes(Set<String> ids) {
        for (String id : ids) {
            try {
                PartnerLeadership.stopForRemoval(camel, id);
                if (camel.getRoute(id) != null && !camel.removeRoute(id)) {
                    log.error("Partner route {} did not stop and could not be removed", id);
                }
            } catch (Exception e) {
                log.error("Could not stop partner route {}: {}", id, e.getMessage());
            }
        }
    }

    private Set<String> routeIds() {
        return camel.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toSet());
    }

    private Map<Path, String> contents() {
        Map<Path, String> contents = new LinkedHashMap<>();
        try (Stream<Path> listing = Files.list(folder)) {
            List<Path> yaml = listing.filter(path -> {
                        String name = path.getFileName().toString();
                        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
                    })
                    .sorted()
                    .toList();
            for (Path file : yaml) {
                try {
                    contents.put(file, Files.readString(file));
                } catch (IOException e) {
                    log.warn("Cannot read partner definition {}: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            log.error("Cannot list routes folder {}: {}", folder, e.getMessage());
        }
        return contents;
    }

    @Override
    public synchronized List<Definition> definitions() {
        List<Definition> definitions = new ArrayList<>(files.size());
        files.forEach((file, state) -> definitions.add(new Definition(
                file.getFileName().toString(),
                state.routeIds().stream().sorted().toList(),
                state.seen(),
                state.error())));
        return definitions;
    }

    /** Up, with the loaded partners and, if any, the files that failed to load and why. */
    @Override
    public synchronized Health health() {
        Map<String, Object> loaded = new TreeMap<>();
        Map<String, Object> invalid = new TreeMap<>();
        files.forEach((file, state) -> {
            loaded.put(file.getFileName().toString(), state.routeIds());
            if (state.error() != null) {
                invalid.put(file.getFileName().toString(), state.error());
            }
        });
        return Health.up()
                .withDetail("folder", folder.toString())
                .withDetail("folderExists", !folderMissing)
                .withDetail("routes", loaded)
                .withDetail("invalid", invalid)
                .build();
    }
}
