/** Partner Hub, an event-driven integration hub for ACCMR's partners. */
@NullMarked
package gr.accmr.hub;

import org.jspecify.annotations.NullMarked;
