package org.mageos.distribution.core.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.index.RepositoryIndex;
import org.mageos.distribution.core.plan.PackagePlan;
import org.mageos.distribution.core.plan.PackagePlanner;
import org.mageos.distribution.core.plan.PlannedVersion;
import org.mageos.distribution.core.published.PublishedRepository;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;

/** Built once: kept when the repository serves it, restored from the build cache, else built from git. */
class PackageBuilderTest {

    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private final List<String> messages = log.lines;

    private static String module(String name, String version) {
        return "{\n    \"name\": \"" + name + "\",\n    \"version\": \"" + version + "\",\n    \"type\": \"magento2-module\"\n}\n";
    }

    /** Two modules and a metapackage at tag 1.0.0. */
    private TestRepository repository() throws Exception {
        TestRepository repo = TestRepository.create(tmp.resolve("repo"));
        repo.commit("a", Map.of(
                "A/composer.json", module("acme/module-a", "1.0.0"), "A/Model/A.php", "<?php class A {}\n",
                "B/composer.json", module("acme/module-b", "2.0.0"), "B/view/b.phtml", "<p>b</p>\n",
                "_metapackage/composer.json", "{\n    \"name\": \"acme/all\",\n    \"version\": \"1.0.0\",\n    \"type\": \"metapackage\"\n}\n"));
        repo.tag("1.0.0");
        return repo;
    }

    private Source source(TestRepository repo) {
        Source source = new Source("modules", repo.dir().toString());
        source.setPackages(List.of(new PackageRule("*")));
        return source;
    }

    /** Plans with the repository as it is, builds with {@code builderRepository}, then writes the index. */
    private PackageManifest build(Source source, Repository planned, Repository builderRepository, Path output, Instant timestamp,
            boolean force, Path published) {
        PackagePlan plan = new PackagePlanner(DistributionLog.SILENT).plan(List.of(new PackagePlanner.SourceRepository(source, planned)));
        plan.keep(PublishedRepository.of(DistributionLog.SILENT, null, output, published), force);
        PackageBuilder builder = new PackageBuilder(log, timestamp, 2).force(force).withCache(new ZipCache(tmp.resolve("cache/builds")));
        PackageManifest manifest = builder.build(plan, Map.of(source.getName(), builderRepository), output);
        new RepositoryIndex(DistributionLog.SILENT).write(manifest, output.toUri().toString(), output);
        return manifest;
    }

    /** A second handle on the same git repository whose readers count every object they open. */
    private static Repository counting(Repository repository, AtomicInteger opened) throws IOException {
        return new FileRepository(repository.getDirectory()) {
            @Override
            public ObjectReader newObjectReader() {
                ObjectReader real = super.newObjectReader();
                return new ObjectReader.Filter() {
                    @Override
                    protected ObjectReader delegate() {
                        return real;
                    }

                    @Override
                    public ObjectLoader open(AnyObjectId objectId, int typeHint) throws MissingObjectException, IOException {
                        opened.incrementAndGet();
                        return real.open(objectId, typeHint);
                    }
                };
            }
        };
    }

    /** Every file below a folder with its size and mtime. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    files.put(dir.relativize(p).toString().replace('\\', '/'), a.size() + " " + a.lastModifiedTime().toMillis());
                }
            }
        }
        return files;
    }

    private static Map<String, String> sha1s(PackageManifest manifest) {
        return manifest.versions.stream().filter(v -> v.sha1 != null)
                .collect(Collectors.toMap(v -> v.name + " " + v.version, v -> v.sha1, (a, b) -> a, TreeMap::new));
    }

    /** Two tags, each with versions of both modules: the plan interleaves the packages. */
    private TestRepository twoTags() throws Exception {
        TestRepository repo = repository();
        repo.commit("b", Map.of("A/composer.json", module("acme/module-a", "1.0.1"), "B/composer.json", module("acme/module-b", "2.0.1"),
                "_metapackage/composer.json", "{\n    \"name\": \"acme/all\",\n    \"version\": \"1.1.0\",\n    \"type\": \"metapackage\"\n}\n"));
        repo.tag("1.1.0");
        return repo;
    }

    @Test
    void theManifestKeepsThePlansOrderThoughEachPackageIsOneTask() throws Exception {
        try (TestRepository repo = twoTags()) {
            Source source = source(repo);
            Repository git = repo.git().getRepository();
            PackagePlan plan = new PackagePlanner(DistributionLog.SILENT).plan(List.of(new PackagePlanner.SourceRepository(source, git)));
            List<String> planned = plan.versions().stream().map(v -> v.name() + " " + v.version()).collect(Collectors.toList());
            // the plan goes tag by tag, so a package's versions are not next to each other
            assertTrue(planned.indexOf("acme/module-b 2.0.0") < planned.indexOf("acme/module-a 1.0.1"), planned.toString());

            PackageManifest manifest = new PackageBuilder(log, null, 2).build(plan, Map.of(source.getName(), git), tmp.resolve("out"));
            assertEquals(planned, manifest.versions.stream().map(v -> v.name + " " + v.version).collect(Collectors.toList()));
            assertEquals(4, sha1s(manifest).size());
        }
    }

    @Test
    void progressLinesCountTheVersionsDoneOfTheTotal() throws Exception {
        try (TestRepository repo = twoTags()) {
            Source source = source(repo);
            Repository git = repo.git().getRepository();
            PackagePlan plan = new PackagePlanner(DistributionLog.SILENT).plan(List.of(new PackagePlanner.SourceRepository(source, git)));
            int total = plan.versions().size();
            new PackageBuilder(log, null, 2).progressEvery(java.time.Duration.ZERO).build(plan, Map.of(source.getName(), git), tmp.resolve("out"));
            List<String> progress = log.lines.stream().filter(l -> l.startsWith("INFO Packaging: ")).sorted().collect(Collectors.toList());
            List<String> expected = new ArrayList<>();
            for (int n = 1; n <= total; n++) {
                expected.add("INFO Packaging: " + n + " of " + total + " package versions done");
            }
            expected.sort(null);
            assertEquals(expected, progress);
            // at the default pace, a build this small prints none
            RecordingLog quiet = new RecordingLog();
            new PackageBuilder(quiet, null, 2).force(true).build(plan, Map.of(source.getName(), git), tmp.resolve("out2"));
            assertTrue(quiet.lines.stream().noneMatch(l -> l.contains("Packaging: ")), quiet.text());
        }
    }

    @Test
    void whenEveryVersionFailsTheErrorIsThatOfTheFirstVersionOfThePlan() throws Exception {
        try (TestRepository repo = twoTags(); TestRepository empty = TestRepository.create(tmp.resolve("empty"))) {
            Source source = source(repo);
            Repository git = repo.git().getRepository();
            PackagePlan plan = new PackagePlanner(DistributionLog.SILENT).plan(List.of(new PackagePlanner.SourceRepository(source, git)));
            // a repository without the planned objects: every zip fails to build
            DistributionException e = assertThrows(DistributionException.class, () -> new PackageBuilder(log, null, 2)
                    .build(plan, Map.of(source.getName(), empty.git().getRepository()), tmp.resolve("out")));
            PlannedVersion first = plan.versions().stream().filter(v -> !v.isMetapackage()).findFirst().orElseThrow();
            String distPath = PackageBuilder.distPath(first.name(), first.version());
            assertTrue(e.getMessage().contains("cannot build " + distPath + ": "), e.getMessage());
        }
    }

    @Test
    void aRebuildWithNothingNewReadsNoObjectAndWritesNothing() throws Exception {
        try (TestRepository repo = repository()) {
            Source source = source(repo);
            Repository git = repo.git().getRepository();
            Path output = tmp.resolve("out");
            PackageManifest first = build(source, git, git, output, null, false, null);
            assertEquals(2, sha1s(first).size());
            Map<String, String> before = snapshot(output);
            Thread.sleep(20);

            AtomicInteger opened = new AtomicInteger();
            messages.clear();
            try (Repository watched = counting(git, opened)) {
                PackageManifest second = build(source, git, watched, output, null, false, null);
                assertEquals(sha1s(first), sha1s(second));
            }
            assertEquals(0, opened.get(), "the builder opens no git object when every zip is served already");
            assertEquals(before, snapshot(output), "no file of the repository is rewritten");
            assertTrue(messages.contains("INFO modules: up-to-date (2 zips up-to-date, 1 metapackages)"), messages.toString());
        }
    }

    @Test
    void zipsDeletedFromTheOutputComeBackFromTheBuildCacheWithoutReadingGit() throws Exception {
        try (TestRepository repo = repository()) {
            Source source = source(repo);
            Repository git = repo.git().getRepository();
            Path output = tmp.resolve("out");
            PackageManifest first = build(source, git, git, output, null, false, null);
            TestRepository.delete(output);

            AtomicInteger opened = new AtomicInteger();
            messages.clear();
            try (Repository watched = counting(git, opened)) {
                PackageManifest second = build(source, git, watched, output, null, false, null);
                assertEquals(sha1s(first), sha1s(second));
            }
            assertEquals(0, opened.get());
            for (PackagedVersion v : first.versions) {
                if (v.distPath != null) {
                    assertEquals(v.sha1, org.mageos.distribution.core.archive.DistArchiveWriter.sha1(output.resolve(v.distPath)));
                }
            }
            assertTrue(messages.contains("INFO modules: 0 zips built, 2 restored from the build cache, 1 metapackages"), messages.toString());
        }
    }

    @Test
    void aNewTagBuildsOnlyTheVersionsItAdds() throws Exception {
        try (TestRepository repo = repository()) {
            Source source = source(repo);
            Repository git = repo.git().getRepository();
            Path output = tmp.resolve("out");
            build(source, git, git, output, null, false, null);
            Map<String, String> before = snapshot(output);
            Thread.sleep(20);

            // 1.1.0 changes B (new version) and nothing of A; the metapackage moves to 1.1.0
            repo.commit("b", Map.of("B/composer.json", module("acme/module-b", "2.0.1"), "B/view/b.phtml", "<p>b 2</p>\n",
                    "_metapackage/composer.json", "{\n    \"name\": \"acme/all\",\n    \"version\": \"1.1.0\",\n    \"type\": \"metapackage\"\n}\n"));
            repo.tag("1.1.0");
            messages.clear();
            build(source, git, git, output, null, false, null);
            Map<String, String> after = snapshot(output);

            List<String> zipsWritten = after.keySet().stream().filter(p -> p.endsWith(".zip") && !after.get(p).equals(before.get(p)))
                    .collect(Collectors.toList());
            assertEquals(List.of("dist/acme/module-b/module-b-2.0.1.zip"), zipsWritten);
            assertTrue(messages.contains("INFO modules: 1 zips built, 0 restored from the build cache, 2 zips up-to-date, 2 metapackages"),
                    messages.toString());
        }
    }

    @Test
    void aVersionAlreadyPublishedIsKeptWithItsSha1EvenWhenTheZipWouldNowDiffer() throws Exception {
        try (TestRepository repo = repository()) {
            Source source = source(repo);
            Repository git = repo.git().getRepository();
            Path published = tmp.resolve("published");
            PackageManifest old = build(source, git, git, published, null, false, null);

            // another entry timestamp gives other zip bytes; the published versions must not change
            Instant other = Instant.parse("2020-01-01T00:00:00Z");
            Path output = tmp.resolve("out");
            PackageManifest kept = build(source, git, git, output, other, false, published);
            assertEquals(sha1s(old), sha1s(kept));
            assertFalse(Files.exists(output.resolve("dist")), "nothing to build: every zip is published already");
            String p2 = Files.readString(output.resolve("p2/acme/module-a.json"), StandardCharsets.UTF_8);
            assertTrue(p2.contains(sha1s(old).get("acme/module-a 1.0.0")), p2);

            // forced: rebuilt from git with the new timestamp, so other bytes
            PackageManifest forced = build(source, git, git, output, other, true, published);
            assertNotEquals(sha1s(old).get("acme/module-a 1.0.0"), sha1s(forced).get("acme/module-a 1.0.0"));
            try (ZipFile zip = new ZipFile(output.resolve("dist/acme/module-a/module-a-1.0.0.zip").toFile())) {
                assertTrue(zip.getEntry("Model/A.php") != null);
            }
        }
    }

    @Test
    void theCacheKeyCoversTreeComposerJsonAndTimestamp() {
        org.eclipse.jgit.lib.ObjectId tree = org.eclipse.jgit.lib.ObjectId.fromString("0123456789012345678901234567890123456789");
        org.eclipse.jgit.lib.ObjectId otherTree = org.eclipse.jgit.lib.ObjectId.fromString("1123456789012345678901234567890123456789");
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        Instant t = Instant.parse("1980-02-01T00:00:00Z");
        String key = ZipCache.key(tree, json, t);
        assertEquals(key, ZipCache.key(tree, "{}".getBytes(StandardCharsets.UTF_8), t));
        assertNotEquals(key, ZipCache.key(otherTree, json, t));
        assertNotEquals(key, ZipCache.key(tree, "{ }".getBytes(StandardCharsets.UTF_8), t));
        assertNotEquals(key, ZipCache.key(tree, json, t.plusSeconds(2)));
    }
}
