/** Turns raw partner records into canonical, versioned, sanitized notices on {@code hub.notices}. */
@NullMarked
package gr.accmr.hub.normalize;

import org.jspecify.annotations.NullMarked;
