package gr.accmr.hub.harness;

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
 * file in the caller's folder (such as {@code target/faults/}) so a failing run can be read afterwards.
 */
public final class ChildJvm implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Path log;
    private @Nullable Process process;
    private int starts;

    /**
     * {@code jvmOptions}: heap, collector and compiler settings, such as {@link #quickStart}; the
     * class path is this JVM's.
     */
    public ChildJvm(String name, Path logDir, List<String> jvmOptions, String mainClass, List<String> arguments) {
        this.name = name;
        this.log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.add(
                "-D" + ParentWatch.PARENT_PID + "=" + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(arguments);
        this.command = List.copyOf(command);
    }

    /**
     * Options for a test process that starts quickly and stays small: no optimizing compiler, the
     * serial collector, a fixed heap ceiling. Not for measuring throughput.
     */
    public static List<String> quickStart(String heap) {
        return List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** The process id while it runs, for tools such as {@code jcmd}. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    public synchronized void start() {
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

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL to the JVM and anything it started, then waits until the kernel has reaped them. */
    public synchronized void kill() {
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
            // Its children too: until they are gone they may still hold ports or write files that
            // the caller is about to reuse or delete.
            for (ProcessHandle child : children) {
                child.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(name + "'s child processes survived SIGKILL for 30 s", e);
        }
        process = null;
    }

    /**
     * SIGTERM, as a service manager stops a process: the JVM runs its shutdown hooks (a hub stops
     * its embedded PostgreSQL, which runs detached and would outlive a kill). SIGKILL after
     * {@code grace}.
     */
    public synchronized void stop(Duration grace) {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroy();
        try {
            if (running.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process = null;
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }

    /** The log since the last start, for a test that waits for a line. */
    public String output() {
        try {
            String all = Files.readString(log, StandardCharsets.ISO_8859_1);
            int last = all.lastIndexOf("==== start " + starts + " of ");
            return last < 0 ? all : all.substring(last);
        } catch (IOException e) {
            return "";
        }
    }

    public void awaitLine(String marker, Duration timeout) {
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
