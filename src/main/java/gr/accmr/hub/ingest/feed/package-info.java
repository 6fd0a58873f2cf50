/** Reading RSS and Atom feeds safely and cutting them into one record per entry. */
@NullMarked
package gr.accmr.hub.ingest.feed;

import org.jspecify.annotations.NullMarked;
