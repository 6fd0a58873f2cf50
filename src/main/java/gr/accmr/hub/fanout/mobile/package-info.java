/**
 * The mobile channel: per language, a paged feed of the visible notices as JSON Feed 1.1 at
 * /feeds/{lang}.json and Atom 1.0 at /feeds/{lang}.atom, materialized from hub.notices.
 */
@NullMarked
package gr.accmr.hub.fanout.mobile;

import org.jspecify.annotations.NullMarked;
