/**
 * The hub as a separate process and a partner pushing to it: child JVMs that end with the JVM that
 * started them, and a Standard Webhooks sender with a ledger of what the hub acknowledged. Shared by
 * the fault tests and the end-to-end load benchmark.
 */
@NullMarked
package gr.accmr.hub.harness;

import org.jspecify.annotations.NullMarked;
