/** Command-line tools that run without starting Kafka, PostgreSQL or the web server. */
@NullMarked
package gr.accmr.hub.cli;

import org.jspecify.annotations.NullMarked;
