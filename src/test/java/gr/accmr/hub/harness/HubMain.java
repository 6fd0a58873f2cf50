package gr.accmr.hub.harness;

import gr.accmr.hub.HubApplication;

/** The hub's own entry point, in a child JVM that ends with the test JVM that started it. */
public final class HubMain {

    private HubMain() {}

    public static void main(String[] args) {
        ParentWatch.start();
        HubApplication.main(args);
    }
}
