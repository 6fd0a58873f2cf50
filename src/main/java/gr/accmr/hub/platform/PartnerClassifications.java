package gr.accmr.hub.platform;

import gr.accmr.hub.notice.Classification;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The {@link Classification} of each partner, read from the parameters of its route files as they
 * are now: a corrected file applies from the next record on (and to reprocessed ones) without a
 * restart. Webhook deliveries and polls of a partner share it, whatever route received them.
 */
@Component
public class PartnerClassifications {

    /** The route parameters that make up a classification. */
    public static final String CATEGORIES = "categories";

    public static final String KINDS = "kinds";
    public static final String URGENT_CATEGORIES = "urgentCategories";
    public static final String URGENT_WORDS = "urgentWords";

    /** Route parameters of the partner's publishing policy (see {@code gr.accmr.hub.review}). */
    public static final String PUBLISHING = "publishing";

    public static final String UPDATES = "updates";

    private final CamelContext camel;
    private final Map<List<String>, Classification> parsed = new ConcurrentHashMap<>();

    public PartnerClassifications(CamelContext camel) {
        this.camel = camel;
    }

    /**
     * The classification of a partner: that of the first of its routes (by route id) that sets any
     * of the parameters; none when no route does.
     */
    public Classification forPartner(String partner) {
        return routesOf(partner)
                .map(parameters -> of(parameters))
                .filter(classification -> classification != Classification.NONE)
                .findFirst()
                .orElse(Classification.NONE);
    }

    /**
     * A parameter of a partner's route files: the value in the first of its routes (by route id)
     * that sets it, placeholders resolved; null when none does.
     */
    public @Nullable String parameter(String partner, String name) {
        return routesOf(partner)
                .map(parameters -> text(parameters, name))
                .filter(value -> value != null && !value.isBlank())
                .findFirst()
                .orElse(null);
    }

    /** The ids of the partner's routes (one per partner file), in order. */
    public List<String> routeIds(String partner) {
        return routeDefinitions(partner)
                .map(RouteDefinition::getRouteId)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** The template parameters of the partner's routes, in the order of their route ids. */
    private Stream<Map<String, Object>> routesOf(String partner) {
        return routeDefinitions(partner).map(RouteDefinition::getTemplateParameters);
    }

    /** The partner's route definitions, in the order of their route ids. */
    private Stream<RouteDefinition> routeDefinitions(String partner) {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        if (model == null) {
            return Stream.empty();
        }
        return model.getRouteDefinitions().stream()
                .filter(route -> route.getTemplateParameters() != null
                        && partner.equals(text(route.getTemplateParameters(), "partner")))
                .sorted(Comparator.comparing(
                        RouteDefinition::getRouteId, Comparator.nullsLast(Comparator.naturalOrder())));
    }

    /** The classification a route's parameters give; a malformed one throws with the reason. */
    public Classification forRoute(String routeId) {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        RouteDefinition route = model == null ? null : model.getRouteDefinition(routeId);
        return route == null || route.getTemplateParameters() == null
                ? Classification.NONE
                : of(route.getTemplateParameters());
    }

    private Classification of(Map<String, Object> parameters) {
        List<String> texts = Stream.of(CATEGORIES, KINDS, URGENT_CATEGORIES, URGENT_WORDS)
                .map(name -> Objects.requireNonNullElse(text(parameters, name), ""))
                .toList();
        // Parsed once per distinct mapping, not for every record of a replay.
        Classification known = parsed.get(texts);
        if (known == null) {
            known = Classification.parse(texts.get(0), texts.get(1), texts.get(2), texts.get(3));
            if (parsed.size() > 1_000) {
                parsed.clear();
            }
            parsed.put(texts, known);
        }
        return known;
    }

    private @Nullable String text(Map<String, Object> parameters, String name) {
        Object value = parameters.get(name);
        return value == null ? null : camel.resolvePropertyPlaceholders(value.toString());
    }
}
