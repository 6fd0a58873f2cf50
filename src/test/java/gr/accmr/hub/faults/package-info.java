/**
 * Fault tests: real broker, database and hub processes that the test kills and restarts, a ledger
 * of what the hub acknowledged, and checks that each acknowledged notice reached every channel once.
 */
@NullMarked
package gr.accmr.hub.faults;

import org.jspecify.annotations.NullMarked;
