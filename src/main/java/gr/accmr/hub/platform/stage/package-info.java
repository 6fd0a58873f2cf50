/** How the platform runs consumer stages: the poll loop, pausing on outages, dead letters. */
@NullMarked
package gr.accmr.hub.platform.stage;

import org.jspecify.annotations.NullMarked;
