package org.mageos.distribution.core.build;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.mageos.distribution.core.BuildLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.archive.DistArchiveWriter;
import org.mageos.distribution.core.archive.ExcludeRules;
import org.mageos.distribution.core.archive.PackageFile;
import org.mageos.distribution.core.archive.PackageTreeReader;
import org.mageos.distribution.core.plan.BuildPlan;
import org.mageos.distribution.core.plan.PlannedVersion;
import org.mageos.distribution.core.publish.AtomicFiles;
import org.eclipse.jgit.treewalk.TreeWalk;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.JsonNode;

/** Builds the zips of a plan concurrently, straight from git objects, into the repository's {@code dist/} folder. */
public final class PackageBuilder {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    private final BuildLog log;
    private final DistArchiveWriter writer;
    private final int threads;

    public PackageBuilder(BuildLog log, Instant timestamp, int threads) {
        this.log = log;
        this.writer = new DistArchiveWriter(timestamp);
        this.threads = Math.max(1, threads);
    }

    /**
     * @param repositories the cached repository of each source, by source name
     * @param repositoryDir the Composer repository folder; zips go to its {@code dist/}
     */
    public BuildManifest build(BuildPlan plan, Map<String, Repository> repositories, Path repositoryDir) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mage-os-package");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger zips = new AtomicInteger();
        try {
            List<Future<BuiltVersion>> futures = new ArrayList<>();
            for (PlannedVersion v : plan.versions()) {
                Repository repository = v.source() == null ? null : repositories.get(v.source().getName());
                futures.add(pool.submit(() -> build(v, repository, repositoryDir, zips)));
            }
            BuildManifest manifest = new BuildManifest();
            for (Future<BuiltVersion> f : futures) {
                manifest.versions.add(f.get());
            }
            log.info("Packaged " + plan.versions().size() + " package versions (" + zips.get() + " zips, "
                    + (plan.versions().size() - zips.get()) + " metapackages) with " + threads + " workers");
            return manifest;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DistributionException) {
                throw (DistributionException) cause;
            }
            throw new DistributionException("Packaging failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DistributionException("Packaging interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private BuiltVersion build(PlannedVersion v, Repository repository, Path repositoryDir, AtomicInteger zips) {
        BuiltVersion built = new BuiltVersion();
        built.name = v.name();
        built.version = v.version();
        built.versionNormalized = v.versionNormalized();
        built.source = v.source() == null ? null : v.source().getName();
        built.tag = v.tag() == null ? v.release() : v.tag().name();
        built.commit = v.tag() == null ? null : v.tag().commit().name();
        built.time = v.time() == null ? null : TIME.format(v.time());
        built.composerJson = v.composerJson();
        if (v.isMetapackage()) {
            return built;
        }
        String distPath = distPath(v.name(), v.version());
        Path target = repositoryDir.resolve(distPath);
        try {
            if (v.prebuiltZip() != null) {
                AtomicFiles.copyIfChanged(v.prebuiltZip(), target);
                built.sha1 = DistArchiveWriter.sha1(target);
            } else if (v.tree() == null) {
                // a generated package: its composer.json is all there is
                built.sha1 = writer.write(null, List.of(), Map.of("composer.json", v.composerJsonBytes()), target);
            } else {
                try (ObjectReader reader = repository.newObjectReader()) {
                    ExcludeRules rules = ExcludeRules.of(gitAttributes(reader, v), archiveExclude(v.composerJson()))
                            .withDistributionExcludes(v.excludes());
                    List<PackageFile> files = new ArrayList<>(PackageTreeReader.list(reader, v.tree(), rules,
                            message -> log.warn(v.origin().replace("composer.json", "") + ": " + message)));
                    v.emptyFolders().forEach(folder -> files.add(PackageFile.directory(folder)));
                    Map<String, byte[]> replacements = new HashMap<>(v.files());
                    replacements.put("composer.json", v.composerJsonBytes());
                    built.sha1 = writer.write(reader, files, replacements, target);
                }
            }
            built.distPath = distPath;
            zips.incrementAndGet();
            log.debug("built " + distPath + " " + built.sha1);
            return built;
        } catch (IOException e) {
            throw new DistributionException(v.origin() + ": cannot build " + distPath + ": " + e.getMessage(), e);
        }
    }

    /** {@code dist/<vendor>/<name>/<name>-<version>.zip}, with characters outside [A-Za-z0-9._-] of the version replaced. */
    public static String distPath(String name, String version) {
        String shortName = name.substring(name.indexOf('/') + 1);
        return "dist/" + name + "/" + shortName + "-" + version.replaceAll("[^A-Za-z0-9._-]", "-") + ".zip";
    }

    private static String gitAttributes(ObjectReader reader, PlannedVersion v) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(reader, ".gitattributes", v.tree())) {
            if (walk == null) {
                return null;
            }
            return new String(reader.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> archiveExclude(JsonNode composerJson) {
        List<String> rules = new ArrayList<>();
        for (JsonNode rule : composerJson.path("archive").path("exclude")) {
            if (rule.isTextual()) {
                rules.add(rule.asText());
            }
        }
        return rules;
    }
}
