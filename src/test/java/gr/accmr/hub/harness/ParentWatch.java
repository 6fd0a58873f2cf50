package gr.accmr.hub.harness;

import java.util.Optional;

/**
 * Ends a child JVM when the test JVM that started it is gone, so a test run killed halfway leaves
 * no broker or hub behind holding ports that the next run needs.
 */
public final class ParentWatch {

    public static final String PARENT_PID = "faults.parent-pid";

    private ParentWatch() {}

    public static void start() {
        Optional.ofNullable(System.getProperty(PARENT_PID))
                .map(Long::parseLong)
                .flatMap(ProcessHandle::of)
                .ifPresent(parent ->
                        parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
    }
}
