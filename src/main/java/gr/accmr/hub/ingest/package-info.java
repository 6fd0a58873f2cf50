/**
 * Receives what partners publish and writes it, as received, to {@code hub.inbound.raw}: the
 * route templates partners instantiate from {@code routes/} and their checkpoints.
 */
@NullMarked
package gr.accmr.hub.ingest;

import org.jspecify.annotations.NullMarked;
