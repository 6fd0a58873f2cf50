/**
 * Delivers notices from {@code hub.notices} to the channels: one consumer group and one sink per
 * channel (website, mobile, archive).
 */
@NullMarked
package gr.accmr.hub.fanout;

import org.jspecify.annotations.NullMarked;
