/**
 * Kafka and PostgreSQL wiring (embedded or external), topic creation, the error policy of every
 * consumer, security and metrics.
 */
@NullMarked
package gr.accmr.hub.platform;

import org.jspecify.annotations.NullMarked;
