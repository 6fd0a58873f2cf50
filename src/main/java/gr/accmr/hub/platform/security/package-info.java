/** Authentication of operators and API clients. */
@NullMarked
package gr.accmr.hub.platform.security;

import org.jspecify.annotations.NullMarked;
