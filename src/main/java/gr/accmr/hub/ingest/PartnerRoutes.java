package gr.accmr.hub.ingest;

import gr.accmr.hub.platform.HubProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Loads the partner definitions, one Camel YAML file per partner, from the routes folder once the
 * hub's own routes and templates are in place. A file that does not load is reported with its
 * reason and the others still run.
 */
@Component
class PartnerRoutes implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PartnerRoutes.class);

    private final Path folder;

    PartnerRoutes(HubProperties properties) {
        this.folder = properties.routesDir().toAbsolutePath().normalize();
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {}

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        if (!Files.isDirectory(folder)) {
            log.warn(
                    "Routes folder {} does not exist: no partner is polled. Create it or start with --hub.routes-dir=<folder>.",
                    folder);
            return;
        }
        List<Path> files = partnerFiles();
        int loaded = 0;
        for (Path file : files) {
            if (load(camelContext, file)) {
                loaded++;
            }
        }
        log.info("Loaded {} of {} partner definitions from {}", loaded, files.size(), folder);
    }

    private List<Path> partnerFiles() {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(path -> {
                        String name = path.getFileName().toString();
                        return name.endsWith(".yaml") || name.endsWith(".yml");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            log.error("Cannot list routes folder {}: {}", folder, e.getMessage());
            return List.of();
        }
    }

    private boolean load(CamelContext camelContext, Path file) {
        try {
            Resource resource = ResourceHelper.resolveResource(camelContext, "file:" + file);
            PluginHelper.getRoutesLoader(camelContext).loadRoutes(resource);
            return true;
        } catch (Exception e) {
            log.error("Partner definition {} is invalid and was not loaded: {}", file, rootMessage(e));
            return false;
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? String.valueOf(error.getMessage()) : error.getMessage() + " (" + root.getMessage() + ")";
    }
}
