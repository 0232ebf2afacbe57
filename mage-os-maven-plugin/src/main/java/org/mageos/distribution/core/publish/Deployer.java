package org.mageos.distribution.core.publish;

import org.mageos.distribution.core.io.LocalFile;
import org.mageos.distribution.core.io.RetryPolicy;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;

/**
 * Publishes a built repository to a {@link DeployTarget}: dists first, then the other metadata (p2/, include/,
 * index.html), then packages.json, each phase finished before the next starts, so that a client never reads
 * metadata pointing to a file that is not there yet, even when a deploy dies half-way. Only files that are
 * missing or changed on the target are uploaded; a dist already published with other bytes is refused before
 * anything is uploaded (lock files hold its sha1), unless {@link DeployOptions#allowDistOverwrite}. Nothing is
 * ever deleted.
 */
public final class Deployer {

    private final DistributionLog log;
    private final DeployOptions options;

    public Deployer(DistributionLog log, DeployOptions options) {
        this.log = log;
        this.options = options;
    }

    /** What a deploy did (or, in a dry run, would do). */
    public static final class Result {
        public final List<String> uploaded = new ArrayList<>();
        public final List<String> skipped = new ArrayList<>();
    }

    /** One file's fate, and why. */
    private static final class Action {
        final LocalFile file;
        final String reason;
        final boolean upload;

        Action(LocalFile file, boolean upload, String reason) {
            this.file = file;
            this.upload = upload;
            this.reason = reason;
        }
    }

    public Result deploy(Path repositoryDir, DeployTarget target) {
        if (!Files.isRegularFile(repositoryDir.resolve("packages.json"))) {
            throw new DistributionException("Nothing to deploy: " + repositoryDir + " has no packages.json (run mvn package first)");
        }
        RetryPolicy retry = options.retry;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.threads));
        DeployManifest manifest = new DeployManifest();
        Result result = new Result();
        Map<String, Integer> skipReasons = new java.util.TreeMap<>();
        boolean manifestChanged = false;
        try {
            List<LocalFile> local = scan(repositoryDir);
            Map<String, DeployTarget.RemoteFile> remote = retry.call(log, "list " + target.describe(), target::list);
            if (target.remote() && remote.containsKey(DeployManifest.PATH)) {
                retry.call(log, "read " + DeployManifest.PATH, () -> {
                    try (InputStream in = target.open(DeployManifest.PATH)) {
                        manifest.load(in);
                    }
                    return null;
                });
                manifest.retain(remote);
            }
            List<Action> actions = decide(local, remote, manifest, target, retry, pool);
            refuseChangedDists(actions, target);

            List<List<Action>> phases = new ArrayList<>();
            phases.add(actions.stream().filter(a -> a.file.isDist()).collect(Collectors.toList()));
            phases.add(actions.stream().filter(a -> !a.file.isDist() && !a.file.path.equals("packages.json")).collect(Collectors.toList()));
            phases.add(actions.stream().filter(a -> a.file.path.equals("packages.json")).collect(Collectors.toList()));
            for (Action a : actions) {
                if (!a.upload) {
                    result.skipped.add(a.file.path);
                    skipReasons.merge(a.reason, 1, Integer::sum);
                    String line = "skipped " + a.file.path + " (" + a.reason + ")";
                    if (options.dryRun) {
                        log.info(line);
                    } else {
                        log.debug(line);
                    }
                }
            }
            AtomicBoolean failed = new AtomicBoolean();
            for (List<Action> phase : phases) {
                List<Future<Object>> uploads = new ArrayList<>();
                for (Action a : phase) {
                    if (!a.upload) {
                        continue;
                    }
                    if (options.dryRun) {
                        log.info("would upload " + a.file.path + " (" + a.reason + ")");
                        result.uploaded.add(a.file.path);
                        continue;
                    }
                    uploads.add(pool.submit(() -> {
                        if (failed.get()) {
                            return null; // another upload failed for good: stop, this phase is not complete anyway
                        }
                        try {
                            retry.call(log, "upload " + a.file.path, () -> {
                                target.put(a.file.path, a.file);
                                return null;
                            });
                        } catch (IOException | RuntimeException e) {
                            failed.set(true);
                            throw e;
                        }
                        log.info("uploaded " + a.file.path + " (" + a.reason + ")");
                        if (target.remote()) {
                            manifest.record(a.file);
                        }
                        synchronized (result) {
                            result.uploaded.add(a.file.path);
                        }
                        return null;
                    }));
                }
                manifestChanged |= !uploads.isEmpty();
                awaitAll(uploads); // the next phase may only start when this one is complete
            }
        } catch (IOException e) {
            throw new DistributionException("Deploy to " + target.describe() + " failed: " + e.getMessage()
                    + "; nothing that was published references a missing file, run the deploy again to finish", e);
        } finally {
            pool.shutdownNow();
            if (manifestChanged && target.remote()) {
                writeManifest(target, manifest, retry);
            }
        }
        String what = options.dryRun ? "Dry run, nothing changed on " : "Deployed to ";
        log.info(what + target.describe() + ": " + result.uploaded.size() + (options.dryRun ? " files to upload, " : " files uploaded, ")
                + result.skipped.size() + " unchanged" + (skipReasons.isEmpty() ? "" : " (" + skipReasons.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")"));
        return result;
    }

    private static List<LocalFile> scan(Path repositoryDir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(repositoryDir)) {
            files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        List<LocalFile> local = new ArrayList<>();
        for (Path f : files) {
            String path = repositoryDir.relativize(f).toString().replace('\\', '/');
            if (!path.equals(DeployManifest.PATH)) {
                local.add(LocalFile.read(path, f));
            }
        }
        return local;
    }

    /** Compares every local file with the target, concurrently when that means reading the target back. */
    private List<Action> decide(List<LocalFile> local, Map<String, DeployTarget.RemoteFile> remote, DeployManifest manifest,
            DeployTarget target, RetryPolicy retry, ExecutorService pool) throws IOException {
        List<Future<Action>> futures = new ArrayList<>();
        for (LocalFile file : local) {
            futures.add(pool.submit(() -> decide(file, remote.get(file.path), manifest, target, retry)));
        }
        return awaitAll(futures);
    }

    private Action decide(LocalFile file, DeployTarget.RemoteFile remote, DeployManifest manifest, DeployTarget target, RetryPolicy retry)
            throws IOException {
        if (remote == null) {
            return new Action(file, true, "missing on the target");
        }
        if (remote.size != file.size) {
            return new Action(file, true, "changed: " + remote.size + " bytes on the target, " + file.size + " here");
        }
        if (manifest.knowsSame(file, remote)) {
            return new Action(file, false, "same sha1 in the deploy manifest");
        }
        if (file.md5.equals(remote.md5)) {
            manifest.record(file);
            return new Action(file, false, "same MD5");
        }
        if (remote.md5 != null && !file.isDist()) {
            return new Action(file, true, "changed: other MD5");
        }
        // no digest, or a differing ETag that may not be an MD5 (SSE-KMS): only the bytes can tell
        boolean same = retry.call(log, "read " + file.path + " back", () -> {
            try (InputStream theirs = target.open(file.path)) {
                return sameBytes(file.file, theirs);
            }
        });
        if (same) {
            manifest.record(file);
        }
        return same ? new Action(file, false, "same bytes") : new Action(file, true, "changed: other bytes");
    }

    private void refuseChangedDists(List<Action> actions, DeployTarget target) {
        List<String> changed = actions.stream().filter(a -> a.upload && a.file.isDist() && a.reason.startsWith("changed"))
                .map(a -> a.file.path).collect(Collectors.toList());
        if (changed.isEmpty()) {
            return;
        }
        if (options.allowDistOverwrite) {
            changed.forEach(p -> log.warn("replacing " + p + ", published with other bytes (allowDistOverwrite)"));
            return;
        }
        throw new DistributionException("Deploy to " + target.describe() + " refused, nothing was uploaded: " + changed.size()
                + " dist(s) already published with other bytes: " + String.join(", ", changed.subList(0, Math.min(10, changed.size())))
                + (changed.size() > 10 ? ", ..." : "")
                + "; replacing them would break every lock file that recorded their sha1 (allowDistOverwrite forces it)");
    }

    private static boolean sameBytes(Path file, InputStream theirs) throws IOException {
        try (InputStream ours = new BufferedInputStream(Files.newInputStream(file)); InputStream other = new BufferedInputStream(theirs)) {
            byte[] a = new byte[65536];
            byte[] b = new byte[65536];
            while (true) {
                int n = ours.readNBytes(a, 0, a.length);
                int m = other.readNBytes(b, 0, b.length);
                if (n != m || !java.util.Arrays.equals(a, 0, n, b, 0, m)) {
                    return false;
                }
                if (n == 0) {
                    return true;
                }
            }
        }
    }

    private void writeManifest(DeployTarget target, DeployManifest manifest, RetryPolicy retry) {
        try {
            Path tmp = Files.createTempFile("mage-os-deploy", ".json");
            try {
                manifest.write(tmp);
                LocalFile file = LocalFile.read(DeployManifest.PATH, tmp);
                retry.call(log, "upload " + DeployManifest.PATH, () -> {
                    target.put(DeployManifest.PATH, file);
                    return null;
                });
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // only a hint: the next deploy compares by content instead
            log.warn("Could not update " + DeployManifest.PATH + " on " + target.describe() + ": " + e.getMessage());
        }
    }

    /** Waits for every task; the first failure is thrown after all have ended, so none is left writing. */
    static <T> List<T> awaitAll(List<Future<T>> futures) throws IOException {
        List<T> results = new ArrayList<>();
        Throwable failure = null;
        for (Future<T> f : futures) {
            try {
                results.add(f.get());
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        if (failure instanceof IOException) {
            throw (IOException) failure;
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
        }
        return results;
    }

}
