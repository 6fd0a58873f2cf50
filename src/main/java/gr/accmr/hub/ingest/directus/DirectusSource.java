package gr.accmr.hub.ingest.directus;

import java.net.URI;

/**
 * One partner's Directus collection as its route template names it.
 *
 * @param partner the partner id, also the first part of every notice id
 * @param route id of the polling route, recorded on every raw record
 * @param baseUrl the Directus instance, without {@code /items}
 * @param collection the collection holding the services
 * @param token static bearer token; empty for a public collection
 * @param language the language of the items' own name and description
 * @param allowPrivateNetwork whether the instance may be on a private or loopback address
 */
public record DirectusSource(
        String partner,
        String route,
        URI baseUrl,
        String collection,
        String token,
        String language,
        boolean allowPrivateNetwork) {

    /** Keeps the token out of logs and exception messages that print the source. */
    @Override
    public String toString() {
        return "DirectusSource[" + partner + ", " + baseUrl + "/items/" + collection + "]";
    }
}
