/** The mobile channel: a JSON Feed 1.1 per language at /feeds/{lang}.json. */
@NullMarked
package gr.accmr.hub.fanout.mobile;

import org.jspecify.annotations.NullMarked;
