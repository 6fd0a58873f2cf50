package gr.accmr.hub.faults;

import gr.accmr.hub.harness.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The Kafka broker in a child JVM, on fixed ports and a log directory that survive a kill. */
final class ExternalBroker implements AutoCloseable {

    private final ChildJvm jvm;
    private final int port;

    ExternalBroker(String name, Path logDir, int port, int controllerPort) {
        this.port = port;
        this.jvm = new ChildJvm(
                name,
                FaultLab.OUTPUT,
                ChildJvm.quickStart("512m"),
                BrokerMain.class.getName(),
                List.of(logDir.toString(), String.valueOf(port), String.valueOf(controllerPort)));
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    void start() {
        jvm.start();
        jvm.awaitLine(BrokerMain.READY, Duration.ofSeconds(120));
    }

    /** SIGKILL: clients see their connections reset and then refused, as when the broker's host dies. */
    void kill() {
        jvm.kill();
    }

    @Override
    public void close() {
        jvm.close();
    }
}
