/** Polling Directus collections incrementally and handing each changed item to {@code hub.inbound.raw}. */
@NullMarked
package gr.accmr.hub.ingest.directus;

import org.jspecify.annotations.NullMarked;
