package org.mageos.distribution.core.publish;

import org.mageos.distribution.core.io.LocalFile;
import org.mageos.distribution.core.io.Progress;
import org.mageos.distribution.core.io.RetryPolicy;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.io.Json;

/**
 * Publishes a built repository to a {@link DeployTarget}, under the target's {@link DeployLock}: dists first, then
 * the other metadata (p2/, include/, index.html), then packages.json, each phase finished (and, in a folder, forced
 * to the disk) before the next starts, so that a client never reads metadata pointing to a file that is not there
 * yet, even when a deploy dies half-way. The target's index at deploy time is merged in ({@link TargetIndex}): a
 * version leaves it only on purpose. Only files that are missing or changed on the target are uploaded; a dist
 * already published with other bytes is refused before anything is uploaded (lock files hold its sha1), unless
 * {@link DeployOptions#allowDistOverwrite}, and a dist is created, never written over. Nothing is ever deleted.
 */
public final class Deployer {

    private final DistributionLog log;
    private final DeployOptions options;
    private Duration progressEvery = Progress.EVERY;

    public Deployer(DistributionLog log, DeployOptions options) {
        this.log = log;
        this.options = options;
    }

    /** The interval of the progress lines (files and bytes uploaded of the total); {@link Progress#EVERY} unless a test says. */
    public Deployer progressEvery(Duration interval) {
        this.progressEvery = interval;
        return this;
    }

    /** What a deploy did (or, in a dry run, would do). */
    public static final class Result {
        public final List<String> uploaded = new ArrayList<>();
        public final List<String> skipped = new ArrayList<>();
        /** The bytes of the files uploaded (or, in a dry run, to upload). */
        public long uploadedBytes;
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
        refuseProjectFolder(repositoryDir);
        refuseBuildMachineUrls(repositoryDir, target);
        RetryPolicy retry = options.retry;
        Result result;
        DeployLock lock = null;
        try {
            lock = options.dryRun ? null : target.lock(DeployLock.Owner.thisProcess(), options, log);
            Path staging = Files.createTempDirectory("mage-os-deploy");
            try {
                result = deployLocked(repositoryDir, target, retry, lock, staging);
            } finally {
                org.apache.commons.io.FileUtils.deleteQuietly(staging.toFile());
                release(lock, target);
            }
        } catch (IOException e) {
            throw new DistributionException("Deploy to " + target.describe() + " failed: " + e.getMessage()
                    + "; nothing that was published references a missing file, run the deploy again to finish", e);
        }
        return result;
    }

    private Result deployLocked(Path repositoryDir, DeployTarget target, RetryPolicy retry, DeployLock lock, Path staging) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.threads));
        DeployManifest manifest = new DeployManifest();
        Result result = new Result();
        Map<String, Integer> skipReasons = new java.util.TreeMap<>();
        boolean manifestChanged = false;
        long started = System.nanoTime();
        try {
            List<LocalFile> local = scan(repositoryDir);
            Map<String, DeployTarget.RemoteFile> remote = retry.call(log, "list " + target.describe(), target::list);
            refuseMissingDists(repositoryDir, local, remote, target);
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
            java.util.Set<String> same = actions.stream().filter(a -> !a.upload).map(a -> a.file.path).collect(Collectors.toSet());
            Map<String, Path> merged = TargetIndex.merge(repositoryDir, remote, same, target, retry, options, staging, log);
            if (merged != null) {
                // the build's metadata gives way to the merged metadata; its dists are deployed as they are
                List<LocalFile> staged = new ArrayList<>();
                for (Map.Entry<String, Path> f : merged.entrySet()) {
                    staged.add(LocalFile.read(f.getKey(), f.getValue()));
                }
                actions.removeIf(a -> isMetadata(a.file.path));
                actions.addAll(decide(staged, remote, manifest, target, retry, pool));
            }
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
            List<Action> toUpload = actions.stream().filter(a -> a.upload).collect(Collectors.toList());
            long totalBytes = toUpload.stream().mapToLong(a -> a.file.size).sum();
            AtomicLong bytesDone = new AtomicLong();
            AtomicInteger filesDone = new AtomicInteger();
            Progress pace = new Progress(progressEvery);
            for (List<Action> phase : phases) {
                if (lock != null) {
                    lock.check();
                }
                List<Future<Object>> uploads = new ArrayList<>();
                for (Action a : phase) {
                    if (!a.upload) {
                        continue;
                    }
                    if (options.dryRun) {
                        log.info("would upload " + a.file.path + " (" + a.reason + ")");
                        result.uploaded.add(a.file.path);
                        result.uploadedBytes += a.file.size;
                        continue;
                    }
                    uploads.add(pool.submit(() -> {
                        if (failed.get()) {
                            return null; // another upload failed for good: stop, this phase is not complete anyway
                        }
                        try {
                            retry.call(log, "upload " + a.file.path, () -> {
                                upload(target, a.file, remote.get(a.file.path), retry);
                                return null;
                            });
                        } catch (IOException | RuntimeException e) {
                            failed.set(true);
                            throw e;
                        }
                        log.debug("uploaded " + a.file.path + " (" + a.reason + ")");
                        long bytes = bytesDone.addAndGet(a.file.size);
                        int files = filesDone.incrementAndGet();
                        if (pace.due()) {
                            log.info("Uploading to " + target.describe() + ": " + files + " of " + toUpload.size() + " files, "
                                    + Progress.size(bytes) + " of " + Progress.size(totalBytes));
                        }                        if (target.remote()) {
                            manifest.record(a.file);
                        }
                        synchronized (result) {
                            result.uploaded.add(a.file.path);
                            result.uploadedBytes += a.file.size;
                        }
                        return null;
                    }));
                }
                manifestChanged |= !uploads.isEmpty();
                awaitAll(uploads); // the next phase may only start when this one is complete
                if (!uploads.isEmpty()) {
                    target.sync(); // and durable
                }
            }
        } finally {
            pool.shutdownNow();
            if (manifestChanged && target.remote()) {
                writeManifest(target, manifest, retry);
            }
        }
        String what = options.dryRun ? "Dry run, nothing changed on " : "Deployed to ";
        log.info(what + target.describe() + ": " + result.uploaded.size() + (options.dryRun ? " files to upload (" : " files uploaded (")
                + Progress.size(result.uploadedBytes) + "), " + result.skipped.size() + " unchanged" + (skipReasons.isEmpty() ? ""
                        : " (" + skipReasons.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")")
                + ", in " + Progress.duration(Duration.ofNanos(System.nanoTime() - started)));
        return result;
    }

    private void release(DeployLock lock, DeployTarget target) {
        if (lock == null) {
            return;
        }
        try {
            lock.close();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not release the deploy lock of " + target.describe() + " (" + e.getMessage() + "); the next deploy takes it over once "
                    + "it is " + options.lockStaleMillis / 1000 + " s old");
        }
    }

    /**
     * A dist is created, never written over (unless allowDistOverwrite): if another deploy wrote it meanwhile, its bytes
     * must be ours. Metadata replaces the file the listing saw, where the target can check that (S3's ETag).
     */
    private void upload(DeployTarget target, LocalFile file, DeployTarget.RemoteFile seen, RetryPolicy retry) throws IOException {
        if (!file.isDist()) {
            target.replace(file.path, file, seen);
        } else if (options.allowDistOverwrite) {
            target.put(file.path, file);
        } else if (!target.create(file.path, file)) {
            boolean same;
            try (InputStream theirs = target.open(file.path)) {
                same = sameBytes(file.file, theirs);
            }
            if (!same) {
                throw new DistributionException("Deploy to " + target.describe() + " stopped: " + file.path + " was published meanwhile with "
                        + "other bytes (by a deploy that does not take the lock?); it was left as it is, and no metadata points to this build's");
            }
        }
    }

    /** The metadata files of a repository, which a merge with the target's index replaces. */
    private static boolean isMetadata(String path) {
        return path.equals("packages.json") || path.equals("index.html") || path.startsWith("p2/") || path.startsWith("include/");
    }

    /** What only a project folder holds: an {@code <outputDirectory>} set to it would publish the POM and the build. */
    private static final List<String> PROJECT_FILES = List.of("pom.xml", ".mvn", "src", "target", ".git");

    private static void refuseProjectFolder(Path repositoryDir) {
        List<String> found = PROJECT_FILES.stream().filter(f -> Files.exists(repositoryDir.resolve(f))).collect(Collectors.toList());
        if (!found.isEmpty()) {
            throw new DistributionException("Deploy refused, nothing was uploaded: " + repositoryDir + " holds " + String.join(", ", found)
                    + ", which a built repository never does: is <outputDirectory> (mage-os.outputDirectory) a project folder? "
                    + "Deploy the folder mvn package wrote the repository to");
        }
    }

    /**
     * Refuses metadata whose URLs point into the build's own folder ({@code <repositoryUrl>} unset: file:///...): clients
     * of the target could not download a thing.
     */
    private static void refuseBuildMachineUrls(Path repositoryDir, DeployTarget target) {
        String metadataUrl;
        try {
            metadataUrl = Json.parseObject(Files.readAllBytes(repositoryDir.resolve("packages.json"))).path("metadata-url").asText("");
        } catch (IOException e) {
            throw new DistributionException("Deploy refused: " + repositoryDir.resolve("packages.json") + " cannot be read: " + e.getMessage());
        }
        int p2 = metadataUrl.lastIndexOf("p2/%package%.json");
        if (!metadataUrl.startsWith("file:") || p2 < 0) {
            return;
        }
        Path points;
        try {
            points = java.nio.file.Paths.get(java.net.URI.create(metadataUrl.substring(0, p2))).toAbsolutePath().normalize();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return;
        }
        Path dir = repositoryDir.toAbsolutePath().normalize();
        boolean toItself = target instanceof DirectoryTarget && ((DirectoryTarget) target).root().equals(points);
        if (points.startsWith(dir) && !toItself) {
            throw new DistributionException("Deploy to " + target.describe() + " refused, nothing was uploaded: the metadata built in " + repositoryDir
                    + " sends clients to " + metadataUrl.substring(0, p2) + ", the build's own folder (no <repositoryUrl> was set). Set "
                    + "<repositoryUrl> to the URL clients read " + target.describe() + " at, build again (mvn package), then deploy");
        }
    }

    private static List<LocalFile> scan(Path repositoryDir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(repositoryDir)) {
            files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        List<LocalFile> local = new ArrayList<>();
        for (Path f : files) {
            String path = repositoryDir.relativize(f).toString().replace('\\', '/');
            String name = f.getFileName().toString();
            if (path.equals(DeployManifest.PATH) || path.equals(DeployLock.PATH) || name.startsWith(".") && name.endsWith(".tmp")) {
                continue; // a temporary file of a write that was killed is not part of the repository
            }
            local.add(LocalFile.read(path, f));
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

    /**
     * Every dist the build's metadata sends clients to under its repository URL is in the build's folder or already on
     * the target (a version kept as the published repository serves it: its zip was not downloaded); else nothing is
     * uploaded, and the versions are named. Dists elsewhere (another host's URL, kept unchanged) are {@code verify}'s.
     */
    private void refuseMissingDists(Path repositoryDir, List<LocalFile> local, Map<String, DeployTarget.RemoteFile> remote,
            DeployTarget target) {
        String base = repositoryBase(repositoryDir);
        if (base == null) {
            return;
        }
        java.util.Set<String> here = local.stream().map(f -> f.path).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        int onTarget = 0;
        for (Map.Entry<String, List<com.fasterxml.jackson.databind.node.ObjectNode>> e
                : new org.mageos.distribution.core.published.RepositoryReader(repositoryDir.toString()).read().entrySet()) {
            for (com.fasterxml.jackson.databind.node.ObjectNode v : e.getValue()) {
                String url = v.path("dist").path("url").asText("");
                if (!url.startsWith(base) || here.contains(url.substring(base.length()))) {
                    continue;
                }
                if (remote.containsKey(url.substring(base.length()))) {
                    onTarget++;
                } else {
                    missing.add(e.getKey() + " " + v.path("version").asText() + " (" + url.substring(base.length()) + ")");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new DistributionException("Deploy to " + target.describe() + " refused, nothing was uploaded: " + missing.size()
                    + " version(s) of the index have their dist neither in " + repositoryDir + " nor on the target: "
                    + String.join(", ", missing.subList(0, Math.min(10, missing.size()))) + (missing.size() > 10 ? ", ..." : "")
                    + "; is <publishedRepositoryUrl> another repository than the target? Build them (-Dmage-os.package.force) or deploy "
                    + "to the repository that serves them");
        }
        if (onTarget > 0) {
            log.info(onTarget + " dist(s) of the index are not in " + repositoryDir + " but on the target already (versions kept as published)");
        }
    }

    /** The URL the build's metadata was written for (packages.json's metadata-url without p2/%package%.json), or null. */
    private static String repositoryBase(Path repositoryDir) {
        try {
            String metadataUrl = Json.parseObject(Files.readAllBytes(repositoryDir.resolve("packages.json"))).path("metadata-url").asText("");
            int p2 = metadataUrl.lastIndexOf("p2/%package%.json");
            return p2 < 0 ? null : metadataUrl.substring(0, p2);
        } catch (IOException e) {
            return null;
        }
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
