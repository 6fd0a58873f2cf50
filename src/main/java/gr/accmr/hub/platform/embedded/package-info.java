/** The in-process Kafka broker and PostgreSQL server of the embedded default. */
@NullMarked
package gr.accmr.hub.platform.embedded;

import org.jspecify.annotations.NullMarked;
