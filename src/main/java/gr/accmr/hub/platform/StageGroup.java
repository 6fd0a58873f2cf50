package gr.accmr.hub.platform;

import java.util.List;

/** A bean that brings several {@link Stage}s, such as one per channel. */
public interface StageGroup {

    List<Stage> stages();
}
