/** Kafka wiring: broker address for Camel, topic creation, health. */
@NullMarked
package gr.accmr.hub.platform.kafka;

import org.jspecify.annotations.NullMarked;
