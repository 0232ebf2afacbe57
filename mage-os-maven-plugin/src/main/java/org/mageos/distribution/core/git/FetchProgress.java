package org.mageos.distribution.core.git;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.io.Progress;

/**
 * JGit's progress of one source's fetch, as INFO lines of the build log at the pace of {@link Progress} (one every
 * few seconds): the task under way (the server's counting and compressing, then receiving objects and resolving
 * deltas), its count of its total, and the bytes received so far. A fetch done within the interval prints nothing
 * here. Cancels the fetch when its thread is interrupted (the fetch's deadline).
 */
final class FetchProgress implements ProgressMonitor {

    private final DistributionLog log;
    private final String source;
    private final Progress pace;
    /** The cached repository's objects folder, where JGit writes the pack it receives ({@code incoming_*.pack}). */
    private final Path objects;
    private String task = "";
    private int total;
    private long done;

    FetchProgress(DistributionLog log, String source, Progress pace, Path repository) {
        this.log = log;
        this.source = source;
        this.pace = pace;
        this.objects = repository.resolve("objects");
    }

    @Override
    public void start(int totalTasks) {
        // the tasks are named as they begin
    }

    @Override
    public synchronized void beginTask(String title, int totalWork) {
        task = title == null ? "" : title;
        total = totalWork;
        done = 0;
        report();
    }

    @Override
    public synchronized void update(int completed) {
        done += completed;
        report();
    }

    @Override
    public void endTask() {
        // the fetch's own line tells when it is over
    }

    @Override
    public boolean isCancelled() {
        return Thread.currentThread().isInterrupted();
    }

    @Override
    public void showDuration(boolean enabled) {
        // one line every few seconds says enough
    }

    private void report() {
        if (pace.due()) {
            log.info(line());
        }
    }

    /** {@code magento2: receiving objects 120345 of 512000 (23%), 48.2 MiB received} */
    String line() {
        StringBuilder line = new StringBuilder(source).append(": ");
        String name = task.replaceFirst("^remote: ", "server: ");
        line.append(name.isEmpty() ? "fetching" : name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1)).append(' ').append(done);
        if (total > 0) {
            line.append(" of ").append(total).append(" (").append(Math.min(100, done * 100 / total)).append("%)");
        }
        long received = received();
        if (received > 0) {
            line.append(", ").append(Progress.size(received)).append(" received");
        }
        return line.toString();
    }

    /** The size of the packs being received, 0 when none is. */
    private long received() {
        long bytes = 0;
        try (DirectoryStream<Path> packs = Files.newDirectoryStream(objects, "incoming_*.pack")) {
            for (Path pack : packs) {
                bytes += Files.size(pack);
            }
        } catch (IOException e) {
            // the pack was moved into place as it was read: nothing is being received any more
        }
        return bytes;
    }
}
