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
        try (TestRepository origin = TestRepository.create(tmp.resolve("origin"))) {
            origin.commit("a", Map.of("composer.json", "{\"name\": \"acme/lib\"}"));
            origin.tag("1.0.0");
            Source source = new Source("lib", origin.dir().toString());
            GitCache cache = new GitCache(tmp.resolve("cache"), DistributionLog.SILENT);
            DistributionException e = assertThrows(DistributionException.class, () -> cache.fetch(source, true));
            assertTrue(e.getMessage().startsWith("source 'lib' (" + origin.dir() + ") was never fetched into the cache"), e.getMessage());
            cache.fetch(source, false);
            assertEquals(0, cache.fetch(source, true).fetchedTags);
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
