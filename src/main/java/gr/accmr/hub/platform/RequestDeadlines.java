package gr.accmr.hub.platform;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Overall deadlines of the hub's outbound HTTP requests (partner polls, alert deliveries): a read
 * timeout bounds each read only, so a server trickling a byte at a time could hold a request for
 * hours. At its deadline a request is aborted, which closes its connection at once.
 */
public final class RequestDeadlines {

    /** One daemon thread is plenty: an abort only closes a socket. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "hub-http-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    private RequestDeadlines() {}

    /** Runs {@code abort} after {@code deadline} unless the returned future is cancelled first. */
    public static ScheduledFuture<?> abortAfter(Duration deadline, Runnable abort) {
        return DEADLINES.schedule(abort, deadline.toMillis(), TimeUnit.MILLISECONDS);
    }
}
