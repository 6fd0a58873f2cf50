/** Parsing per source, sanitizing, text extraction and versioning; no Camel or Kafka in here. */
@NullMarked
package gr.accmr.hub.normalize.internal;

import org.jspecify.annotations.NullMarked;
