package org.mageos.distribution.core.git;

import org.mageos.distribution.core.io.RetryPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.testing.TestRepository;

class GitCacheTest {

    @TempDir
    Path tmp;

    @Test
    void fetchesOnlySelectedTagsAndOnlyWhatIsNew() throws Exception {
        try (TestRepository origin = TestRepository.create(tmp.resolve("origin"))) {
            origin.commit("a", Map.of("composer.json", "{\"name\": \"acme/lib\"}"));
            origin.tag("1.0.0");
            origin.commit("b", Map.of("README", "b"));
            origin.tag("1.1.0");
            origin.tag("feature-x");
            Source source = new Source("lib", origin.dir().toString());
            source.setTags(">=1.1");
            GitCache cache = new GitCache(tmp.resolve("cache"), DistributionLog.SILENT);

            GitCache.FetchResult first = cache.fetch(source, false);
            assertEquals(3, first.remoteTags);
            assertEquals(1, first.selectedTags);
            assertEquals(1, first.fetchedTags);
            try (Repository cached = cache.open(source)) {
                assertTrue(cached.isBare());
                assertNotNull(cached.exactRef("refs/tags/1.1.0"));
                assertNull(cached.exactRef("refs/tags/1.0.0"), "outside <tags>");
                assertNull(cached.exactRef("refs/tags/feature-x"), "not a version");
            }

            assertEquals(0, cache.fetch(source, false).fetchedTags, "a second fetch with nothing new transfers nothing");

            origin.commit("c", Map.of("README", "c"));
            origin.tag("1.2.0");
            GitCache.FetchResult third = cache.fetch(source, false);
            assertEquals(2, third.selectedTags);
            assertEquals(1, third.fetchedTags);
            try (Repository cached = cache.open(source)) {
                assertEquals(origin.git().getRepository().exactRef("refs/tags/1.2.0").getObjectId(),
                        cached.exactRef("refs/tags/1.2.0").getObjectId());
            }
        }
    }

    @Test
    void offlineUsesTheCacheOrSaysItWasNeverFetched() throws Exception {
        Source source = new Source("lib", "git://127.0.0.1:1/repo.git");
        GitCache cache = new GitCache(tmp.resolve("cache"), DistributionLog.SILENT);
        DistributionException e = assertThrows(DistributionException.class, () -> cache.fetch(source, true));
        assertTrue(e.getMessage().startsWith("source 'lib' (git://127.0.0.1:1/repo.git) was never fetched into the cache"), e.getMessage());
    }

    /** mvn -o: a source on this machine (a path, a file: URL, a git bundle) needs no network, and is fetched as usual. */
    @Test
    void offlineFetchesSourcesOnThisMachine() throws Exception {
        try (TestRepository origin = TestRepository.create(tmp.resolve("origin"))) {
            origin.commit("a", Map.of("composer.json", "{\"name\": \"acme/lib\"}"));
            origin.tag("1.0.0");
            Path bundle = tmp.resolve("lib.bundle");
            org.eclipse.jgit.transport.BundleWriter writer = new org.eclipse.jgit.transport.BundleWriter(origin.git().getRepository());
            writer.include(origin.git().getRepository().exactRef("refs/tags/1.0.0"));
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(bundle)) {
                writer.writeBundle(org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE, out);
            }
            GitCache cache = new GitCache(tmp.resolve("cache"), DistributionLog.SILENT);
            for (String url : java.util.List.of(origin.dir().toString(), origin.dir().toUri().toString(), bundle.toString())) {
                Source source = new Source("lib", url);
                assertEquals(1, cache.fetch(source, true).fetchedTags, url);
                assertEquals(0, cache.fetch(source, true).fetchedTags, url);
                try (Repository cached = cache.open(source)) {
                    assertNotNull(cached.exactRef("refs/tags/1.0.0"), url);
                }
            }
        }
    }

    /** A damaged pack in the cache ("Missing unknown ..." on every run): the next fetch says so and fetches again. */
    @Test
    void aDamagedPackInTheCacheIsFetchedAgainWithAWarning() throws Exception {
        try (TestRepository origin = TestRepository.create(tmp.resolve("origin"))) {
            origin.commit("a", Map.of("composer.json", "{\"name\": \"acme/lib\"}", "big.php", "<?php // " + "x".repeat(5000) + "\n"));
            origin.tag("1.0.0");
            Source source = new Source("lib", origin.dir().toString());
            org.mageos.distribution.core.testing.RecordingLog log = new org.mageos.distribution.core.testing.RecordingLog();
            GitCache cache = new GitCache(tmp.resolve("cache"), log);
            cache.fetch(source, false);
            Path gitDir = cache.repositoryDirectory(source);
            java.util.List<Path> packs;
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(gitDir.resolve("objects/pack"))) {
                packs = files.filter(f -> f.toString().endsWith(".pack")).toList();
            }
            assertEquals(1, packs.size(), packs.toString());
            byte[] bytes = java.nio.file.Files.readAllBytes(packs.get(0));
            for (int i = 12; i < bytes.length - 20; i++) {
                bytes[i] ^= 0x5a;
            }
            java.nio.file.Files.write(packs.get(0), bytes);

            assertEquals(1, cache.fetch(source, false).fetchedTags, log.text());
            assertTrue(log.text().contains("the cache " + gitDir + " is damaged (1.0.0: "), log.text());
            try (Repository cached = cache.open(source); org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(cached)) {
                walk.parseTree(walk.parseCommit(cached.exactRef("refs/tags/1.0.0").getObjectId()).getTree());
            }
        }
    }

    @Test
    void credentialsNeverAppearInMessages() {
        assertEquals("https://git.example.org/repo.git", GitCache.redact("https://user:s3cret@git.example.org/repo.git"));
        Source source = new Source("private", "https://user:s3cret@127.0.0.1:1/repo.git");
        DistributionException e = assertThrows(DistributionException.class,
                () -> new GitCache(tmp.resolve("cache"), DistributionLog.SILENT, new RetryPolicy(1, java.time.Duration.ofMillis(10)), null)
                        .fetch(source, false));
        assertTrue(e.getMessage().startsWith("source 'private' (https://127.0.0.1:1/repo.git)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(2 attempts)"), "connection refused is retried: " + e.getMessage());
        assertEquals("ssh://git@git.example.org/repo.git", GitCache.redact("ssh://git@git.example.org/repo.git"));
        assertEquals("ssh://git.example.org/repo.git", GitCache.redact("ssh://git:pw@git.example.org/repo.git"));
        assertEquals("https://git.example.org/repo.git", GitCache.redact("https://ghp_token@git.example.org/repo.git"));
        assertTrue(!e.getMessage().contains("s3cret"), e.getMessage());
    }
}
