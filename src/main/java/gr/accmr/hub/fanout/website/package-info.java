/** The municipal website channel: in the embedded default, a static site per language served at /site/. */
@NullMarked
package gr.accmr.hub.fanout.website;

import org.jspecify.annotations.NullMarked;
