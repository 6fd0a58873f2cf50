/**
 * What operators see and steer: the dead letters (list, show, replay, discard) and the audit log,
 * through the admin API.
 */
@NullMarked
package gr.accmr.hub.console;

import org.jspecify.annotations.NullMarked;
