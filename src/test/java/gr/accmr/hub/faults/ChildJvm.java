package gr.accmr.hub.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One JVM the test starts with its own class path and kills with SIGKILL: the way a broker or hub
 * dies when its machine fails, with no shutdown hook and no graceful close. Output goes to a log
 * file under {@code target/faults/} so a failing run can be read afterwards.
 */
final class ChildJvm implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Path log;
    private @Nullable Process process;
    private int starts;

    ChildJvm(String name, String heap, String mainClass, List<String> arguments) {
        this.name = name;
        this.log = FaultLab.OUTPUT.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.add(
                "-D" + ParentWatch.PARENT_PID + "=" + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(arguments);
        this.command = List.copyOf(command);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(
                    log,
                    "%n==== start %d of %s ====%n".formatted(++starts, name),
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL to the JVM and anything it started, then waits until the kernel has reaped them. */
    synchronized void kill() {
        Process running = process;
        if (running == null) {
            return;
        }
        List<ProcessHandle> children = running.descendants().toList();
        // On Linux destroyForcibly is SIGKILL (ProcessImpl sends signal 9), as kill -9 would.
        running.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            if (!running.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        process = null;
    }

    /** The log since the last start, for a test that waits for a line. */
    String output() {
        try {
            String all = Files.readString(log, StandardCharsets.ISO_8859_1);
            int last = all.lastIndexOf("==== start " + starts + " of ");
            return last < 0 ? all : all.substring(last);
        } catch (IOException e) {
            return "";
        }
    }

    void awaitLine(String marker, Duration timeout) {
        org.awaitility.Awaitility.await(name + " prints " + marker)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!isAlive()) {
                        throw new IllegalStateException(name + " ended before it was ready; see " + log);
                    }
                    return output().contains(marker);
                });
    }

    @Override
    public void close() {
        kill();
    }
}
