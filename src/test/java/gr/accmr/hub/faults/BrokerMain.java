package gr.accmr.hub.faults;

import gr.accmr.hub.harness.ParentWatch;
import gr.accmr.hub.platform.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A single-node KRaft broker in a JVM of its own, started with the hub's own {@link EmbeddedKafka}
 * so that a test can kill it with SIGKILL and start it again on the same ports and log directory.
 * Arguments: log directory, broker port, controller port.
 */
public final class BrokerMain {

    static final String READY = "FAULTS-BROKER-READY";

    private BrokerMain() {}

    public static void main(String[] args) throws InterruptedException {
        ParentWatch.start();
        EmbeddedKafka kafka =
                EmbeddedKafka.start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        System.out.println(READY + " " + kafka.bootstrapServers());
        System.out.flush();
        // Runs until killed: the tests stop it only the hard way.
        new CountDownLatch(1).await();
    }
}
