/** Guards of the hub's HTTP boundary that apply before any controller runs: body limits and page headers. */
@NullMarked
package gr.accmr.hub.platform.web;

import org.jspecify.annotations.NullMarked;
