package gr.accmr.hub.ingest;

/** The real outbound client for tests in ingest's sub-packages, which cannot reach its constructor. */
public final class OutboundHttpForTests {

    private OutboundHttpForTests() {}

    /**
     * A client with the default limits that lets partners allowed on private networks reach
     * loopback, where test servers run; close it with {@link OutboundHttp#destroy()}.
     */
    public static OutboundHttp create() {
        return new OutboundHttp(OutboundHttp.Limits.DEFAULT, true);
    }
}
