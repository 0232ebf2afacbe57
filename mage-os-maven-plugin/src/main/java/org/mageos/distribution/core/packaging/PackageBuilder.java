package org.mageos.distribution.core.packaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.codec.digest.DigestUtils;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.archive.DistArchiveWriter;
import org.mageos.distribution.core.archive.PackageFile;
import org.mageos.distribution.core.archive.PackageTreeReader;
import org.mageos.distribution.core.io.AtomicFiles;
import org.mageos.distribution.core.io.Progress;
import org.mageos.distribution.core.plan.PackagePlan;
import org.mageos.distribution.core.plan.PlannedVersion;
import org.mageos.distribution.core.published.PublishedVersions;
import org.mageos.distribution.core.version.VersionParser;

/**
 * Builds the zips of a plan concurrently, straight from git objects, into the repository's {@code dist/} folder.
 * Each package version is built once: one that the output or the published repository already serves is kept
 * as it is, one whose zip is in the {@link ZipCache} is restored from there, and only the rest read git blobs.
 */
public final class PackageBuilder {

    /** What became of one package version. */
    private enum Outcome {
        /** already served by the output or a published folder, or restored to the same file */
        UP_TO_DATE,
        /** kept as a remote published repository serves it: its zip is there, not here */
        PUBLISHED,
        /** put into the output from the build cache */
        FROM_CACHE,
        /** written from git objects */
        BUILT,
        /** metadata only */
        METAPACKAGE
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    private final DistributionLog log;
    private final DistArchiveWriter writer;
    private final int threads;
    private ZipCache cache;
    private boolean force;
    private org.mageos.distribution.core.plan.Quirks quirks;
    private Duration progressEvery = Progress.EVERY;

    public PackageBuilder(DistributionLog log, Instant timestamp, int threads) {
        this.log = log;
        this.writer = new DistArchiveWriter(timestamp);
        this.threads = Math.max(1, threads);
        this.quirks = new org.mageos.distribution.core.plan.Quirks(log, false);
    }

    /** {@code <strict>}: a version kept whose configuration now gives another composer.json fails the build. */
    public PackageBuilder strict(boolean strict) {
        this.quirks = new org.mageos.distribution.core.plan.Quirks(log, strict);
        return this;
    }

    /** Zips built by earlier builds are restored from, and new ones recorded in, this cache. */
    public PackageBuilder withCache(ZipCache buildCache) {
        this.cache = buildCache;
        return this;
    }

    /** Rebuilds every zip from git, ignoring what the repositories and the cache already hold. */
    public PackageBuilder force(boolean rebuild) {
        this.force = rebuild;
        return this;
    }

    /** The interval of the progress lines (versions done of the total); {@link Progress#EVERY} unless a test says. */
    public PackageBuilder progressEvery(Duration interval) {
        this.progressEvery = interval;
        return this;
    }

    /**
     * @param repositories the cached repository of each source, by source name
     * @param repositoryDir the Composer repository folder; zips go to its {@code dist/}
     */
    public PackageManifest build(PackagePlan plan, Map<String, Repository> repositories, Path repositoryDir) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mage-os-package");
            t.setDaemon(true);
            return t;
        });
        try {
            // one task per package, its versions one after the other: the files they share are compressed once, by
            // one worker, and copied from the writer's memory into the next versions' zips
            Map<String, List<PlannedVersion>> byPackage = new LinkedHashMap<>();
            plan.versions().forEach(v -> byPackage.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v));
            Map<String, Future<Map<PlannedVersion, Done>>> futureOf = new HashMap<>();
            Progress pace = new Progress(progressEvery);
            AtomicInteger finished = new AtomicInteger();
            int total = plan.versions().size();
            Runnable versionDone = () -> {
                int n = finished.incrementAndGet();
                if (pace.due()) {
                    log.info("Packaging: " + n + " of " + total + " package versions done");
                }
            };
            byPackage.forEach((name, versions) -> futureOf.put(name, pool.submit(() -> build(versions, repositories, repositoryDir, versionDone))));
            // the manifest keeps the plan's order, and a failure is the one of the first failing version in that order
            Map<String, Map<Outcome, Integer>> outcomes = new LinkedHashMap<>();
            plan.versions().forEach(v -> outcomes.computeIfAbsent(label(v), k -> new EnumMap<>(Outcome.class)));
            PackageManifest manifest = new PackageManifest();
            Map<Outcome, Integer> all = new EnumMap<>(Outcome.class);
            for (PlannedVersion v : plan.versions()) {
                Done done = futureOf.get(v.name()).get().get(v);
                if (done.failure != null) {
                    throw done.failure instanceof DistributionException ? (DistributionException) done.failure
                            : new DistributionException("Packaging failed: " + done.failure, done.failure);
                }
                manifest.versions.add(done.built);
                outcomes.get(label(v)).merge(done.outcome, 1, Integer::sum);
                all.merge(done.outcome, 1, Integer::sum);
            }
            outcomes.forEach((source, counts) -> log.info(source + ": " + report(counts)));
            log.info("Packaged " + plan.versions().size() + " package versions with " + threads + " workers: " + report(all));
            quirks.check();
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

    private static String report(Map<Outcome, Integer> counts) {
        int built = counts.getOrDefault(Outcome.BUILT, 0);
        int fromCache = counts.getOrDefault(Outcome.FROM_CACHE, 0);
        int upToDate = counts.getOrDefault(Outcome.UP_TO_DATE, 0);
        int metapackages = counts.getOrDefault(Outcome.METAPACKAGE, 0);
        int published = counts.getOrDefault(Outcome.PUBLISHED, 0);
        String rest = (upToDate > 0 ? upToDate + " zips up-to-date, " : "") + (published > 0 ? published + " kept as published, " : "")
                + metapackages + " metapackages";
        if (built == 0 && fromCache == 0) {
            return "up-to-date (" + rest + ")";
        }
        return built + " zips built, " + fromCache + " restored from the build cache, " + rest;
    }

    /** A version built, and how; or the exception its build failed with. */
    private static final class Done {
        final PackagedVersion built;
        final Outcome outcome;
        final RuntimeException failure;

        Done(PackagedVersion built, Outcome outcome, RuntimeException failure) {
            this.built = built;
            this.outcome = outcome;
            this.failure = failure;
        }
    }

    /**
     * Builds the versions of one package in order; the versions after a failure are not built.
     */
    private Map<PlannedVersion, Done> build(List<PlannedVersion> versions, Map<String, Repository> repositories, Path repositoryDir,
            Runnable versionDone) {
        Map<PlannedVersion, Done> results = new HashMap<>();
        for (PlannedVersion v : versions) {
            Repository repository = v.source() == null ? null : repositories.get(v.source().getName());
            Outcome[] outcome = new Outcome[1];
            try {
                PackagedVersion built = build(v, repository, repositoryDir, outcome);
                results.put(v, new Done(built, outcome[0], null));
                versionDone.run();
            } catch (RuntimeException e) {
                results.put(v, new Done(null, null, e));
                break;
            }
        }
        return results;
    }

    private PackagedVersion build(PlannedVersion v, Repository repository, Path repositoryDir, Outcome[] outcome) {
        PackagedVersion built = new PackagedVersion();
        built.name = v.name();
        built.version = v.version();
        built.versionNormalized = v.versionNormalized();
        built.source = v.source() == null ? null : v.source().getName();
        built.tag = v.tag() == null ? v.release() : v.tag().name();
        built.commit = v.tag() == null ? null : v.tag().commit().name();
        built.time = v.time() == null ? null : TIME.format(v.time());
        built.composerJson = v.composerJson();
        if (v.isMetapackage()) {
            outcome[0] = Outcome.METAPACKAGE;
            return built;
        }
        String distPath = v.distPath();
        built.distPath = distPath;
        Path target = repositoryDir.resolve(distPath);
        try {
            if (v.kept() != null) {
                warnIfChanged(v, v.kept());
                keep(built, v.kept(), v.composerJson());
                outcome[0] = v.kept().local() ? Outcome.UP_TO_DATE : Outcome.PUBLISHED;
                log.debug(distPath + " up-to-date in " + v.kept().location());
                return built;
            }
            if (v.prebuiltZip() != null || v.tree() == null) {
                // a prebuilt zip is copied as it is; a generated package's composer.json is all there is
                if (v.prebuiltZip() != null) {
                    boolean written = AtomicFiles.copyIfChanged(v.prebuiltZip(), target);
                    built.sha1 = DistArchiveWriter.sha1(target);
                    outcome[0] = written ? Outcome.BUILT : Outcome.UP_TO_DATE;
                } else {
                    // write() returns the sha1 of the zip already: no second read of it
                    built.sha1 = writer.write(null, List.of(), Map.of("composer.json", v.composerJsonBytes()), target);
                    outcome[0] = Outcome.BUILT;
                }
                return built;
            }
            String key = ZipCache.key(v.tree(), v.composerJsonBytes(), writer.timestamp(), layout(v));
            String cached = force || cache == null ? null : cache.lookup(key);
            if (cached != null) {
                ZipCache.Restore restored = cache.restore(cached, target);
                if (restored != ZipCache.Restore.DAMAGED) {
                    built.sha1 = cached;
                    outcome[0] = restored == ZipCache.Restore.COPIED ? Outcome.FROM_CACHE : Outcome.UP_TO_DATE;
                    log.debug(distPath + " " + cached + " from the build cache");
                    return built;
                }
                log.warn("the build cache's " + cache.zip(cached) + " is damaged (its bytes are not those of sha1 " + cached
                        + "): removed; " + distPath + " is built again from git");
            }
            try (ObjectReader reader = repository.newObjectReader()) {
                List<PackageFile> files = new ArrayList<>(PackageTreeReader.list(reader, v.tree(), v.composerJson(), v.excludes(),
                        message -> log.warn(v.origin().replace("composer.json", "") + ": " + message)));
                v.emptyFolders().forEach(folder -> files.add(PackageFile.directory(folder)));
                Map<String, byte[]> replacements = new HashMap<>(v.files());
                replacements.put("composer.json", v.composerJsonBytes());
                built.sha1 = writer.write(reader, files, replacements, target);
            }
            if (cache != null) {
                cache.store(key, built.sha1, target);
            }
            outcome[0] = Outcome.BUILT;
            log.debug("built " + distPath + " " + built.sha1);
            return built;
        } catch (IOException e) {
            throw new DistributionException(v.origin() + ": cannot build " + distPath + ": " + e.getMessage(), e);
        }
    }

    /** How the report names the packages of no source. */
    private static final String OTHERS = "generated and prebuilt packages";

    private static String label(PlannedVersion v) {
        return v.source() != null ? v.source().getName() : OTHERS;
    }

    /** What the distribution adds to a package's git tree (excludes, folders, replaced files), for the cache key. */
    private static String layout(PlannedVersion v) {
        StringBuilder sb = new StringBuilder();
        v.excludes().forEach(x -> sb.append("exclude ").append(x).append('\n'));
        v.emptyFolders().forEach(f -> sb.append("folder ").append(f).append('\n'));
        new java.util.TreeMap<>(v.files()).forEach((path, bytes) -> sb.append("file ").append(path).append(' ')
                .append(DigestUtils.sha1Hex(bytes)).append('\n'));
        return sb.toString();
    }

    /**
     * A version is built once; when the configuration now gives it another composer.json (a correction, a patch, a pin
     * added since), the version served is kept as it is, and the user hears of it.
     */
    private void warnIfChanged(PlannedVersion v, PublishedVersions.Published existing) {
        List<String> differ = new ArrayList<>();
        for (String section : CHECKED) {
            com.fasterxml.jackson.databind.JsonNode planned = typed(section, v.composerJson().get(section));
            com.fasterxml.jackson.databind.JsonNode kept = typed(section, existing.entry().get(section));
            if (!java.util.Objects.equals(planned, kept) && !(isEmpty(planned) && isEmpty(kept))) {
                differ.add(section);
            }
        }
        if (!differ.isEmpty()) {
            quirks.warn(v.origin() + ": " + v.name() + " " + v.version() + " is kept as " + existing.location() + " serves it, but the"
                    + " configuration now gives it another composer.json (" + String.join(", ", differ) + " differ); a version is built once:"
                    + " give the change a new version, or rebuild it on purpose with -Dmage-os.package.force (and <republishVersions>)");
        }
    }

    private static final List<String> CHECKED = List.of("type", "require", "require-dev", "conflict", "replace", "provide", "suggest");

    /** No {@code type} is Composer's {@code library}, which the metadata writes out: the same package. */
    private static com.fasterxml.jackson.databind.JsonNode typed(String section, com.fasterxml.jackson.databind.JsonNode node) {
        return section.equals("type") && isEmpty(node) ? com.fasterxml.jackson.databind.node.TextNode.valueOf("library") : node;
    }

    private static boolean isEmpty(com.fasterxml.jackson.databind.JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() && node.isEmpty();
    }

    /**
     * A version kept as a repository serves it: its sha1 and its metadata, which must not change either. Its keys take
     * the order of the composer.json this build planned (those it lacks follow in their order): the order in which
     * the minified metadata expands depends on the neighbouring versions, and metadata bytes must depend on the input
     * only, so that the run after a cold build rewrites no file.
     */
    private static void keep(PackagedVersion built, PublishedVersions.Published existing, ObjectNode planned) {
        built.sha1 = existing.sha1();
        ObjectNode kept = existing.entry().deepCopy();
        kept.remove(List.of("version_normalized", "dist", "source", "time"));
        ObjectNode composerJson = kept.objectNode();
        planned.fieldNames().forEachRemaining(key -> {
            if (kept.has(key)) {
                composerJson.set(key, kept.get(key));
            }
        });
        composerJson.setAll(kept);
        built.composerJson = composerJson;
        String time = existing.entry().path("time").asText("");
        if (!time.isEmpty()) {
            built.time = time;
        }
    }

    /** {@code dist/<vendor>/<name>/<name>-<version>.zip} (see {@link PlannedVersion#distPath(String, String)}). */
    public static String distPath(String name, String version) {
        return PlannedVersion.distPath(name, version);
    }
}
