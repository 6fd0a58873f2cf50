/** Reading partner newsletters from a mailbox: which senders are accepted, and what is handed on of a message. */
@NullMarked
package gr.accmr.hub.ingest.mail;

import org.jspecify.annotations.NullMarked;
