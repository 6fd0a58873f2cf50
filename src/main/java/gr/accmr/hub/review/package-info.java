/**
 * Editorial review: ACCMR decides what appears under the city's name. The review gate reads
 * {@code hub.notices} and clears a notice for the city's channels on {@code hub.notices.approved}:
 * at once for a partner publishing {@code auto}, for one under {@code review} once an editor
 * approved it (with the editor's text, if edited). Retractions pass at once. The archive reads
 * {@code hub.notices} and keeps everything, the partner's text included.
 */
@NullMarked
package gr.accmr.hub.review;

import org.jspecify.annotations.NullMarked;
