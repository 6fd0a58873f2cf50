/** The canonical multilingual notice that every stage of the hub reads and writes. */
@NullMarked
package gr.accmr.hub.notice;

import org.jspecify.annotations.NullMarked;
