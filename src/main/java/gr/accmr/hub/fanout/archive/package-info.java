/** The searchable archive: every version of every notice in PostgreSQL, and its read API. */
@NullMarked
package gr.accmr.hub.fanout.archive;

import org.jspecify.annotations.NullMarked;
