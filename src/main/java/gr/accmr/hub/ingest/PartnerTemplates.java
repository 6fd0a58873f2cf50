package gr.accmr.hub.ingest;

import gr.accmr.hub.platform.PartnerClassifications;
import org.apache.camel.model.RouteTemplateDefinition;

/** Parameters every partner template takes besides its own. */
final class PartnerTemplates {

    private PartnerTemplates() {}

    /**
     * The partner's own words for categories, kind and urgency (see {@code Classification}), and
     * its publishing policy; the normalize and review stages read them from the route, the
     * template ignores them.
     */
    static RouteTemplateDefinition classifying(RouteTemplateDefinition template) {
        return template.templateParameter(
                        PartnerClassifications.CATEGORIES,
                        "",
                        "Partner term=hub category pairs, comma-separated; term= drops the term")
                .templateParameter(
                        PartnerClassifications.KINDS, "", "category=kind pairs: the first listed category decides")
                .templateParameter(PartnerClassifications.URGENT_CATEGORIES, "", "Categories that make a notice urgent")
                .templateParameter(
                        PartnerClassifications.URGENT_WORDS,
                        "",
                        "Words that make a notice urgent when a title has them")
                .templateParameter(
                        PartnerClassifications.PUBLISHING,
                        "",
                        "auto: published at once; review: held until an editor approves (hub.review.default-publishing)")
                .templateParameter(
                        PartnerClassifications.UPDATES,
                        "",
                        "review: every change of an approved notice is reviewed again; auto-unless-title: applied"
                                + " at once unless a title changed (hub.review.default-updates)");
    }
}
