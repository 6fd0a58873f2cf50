/** The signed push API through which partners such as IRC send notices straight to the hub. */
@NullMarked
package gr.accmr.hub.ingest.push;

import org.jspecify.annotations.NullMarked;
