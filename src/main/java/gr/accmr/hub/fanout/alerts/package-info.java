/**
 * Urgent notices pushed to subscribers: a channel that writes an outbox of signed webhook
 * deliveries, and the dispatcher that sends them with retries.
 */
@NullMarked
package gr.accmr.hub.fanout.alerts;

import org.jspecify.annotations.NullMarked;
