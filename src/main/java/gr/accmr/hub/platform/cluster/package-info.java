/** Leader election among hub instances: the lock pool, the {@code Leadership} bean and its health. */
@NullMarked
package gr.accmr.hub.platform.cluster;

import org.jspecify.annotations.NullMarked;
