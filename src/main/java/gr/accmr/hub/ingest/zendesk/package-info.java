/**
 * The Zendesk Help Center connector: polls a help centre's articles in every configured locale,
 * receives its signed article webhooks, and hands each article with all its translations to
 * {@code hub.inbound.raw} as one bundle.
 */
@NullMarked
package gr.accmr.hub.ingest.zendesk;

import org.jspecify.annotations.NullMarked;
