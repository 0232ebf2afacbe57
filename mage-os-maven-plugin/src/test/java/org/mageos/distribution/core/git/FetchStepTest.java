package org.mageos.distribution.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.ProjectSettings;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;

class FetchStepTest {

    @TempDir
    Path tmp;

    private ProjectSettings settings(List<Source> sources) {
        return new ProjectSettings(tmp, tmp.resolve("cache"), tmp.resolve("repository"), tmp.resolve("work"), null, null, sources, null, null,
                null, null, null, "nightly", null, null, false, null, false, false, null, null);
    }

    @Test
    void everySourceIsFetchedThoughTwoFailAndTheErrorIsTheFirstSourcesInPomOrder() throws Exception {
        List<Source> sources = new ArrayList<>();
        List<TestRepository> origins = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                TestRepository origin = TestRepository.create(tmp.resolve("origin-" + i));
                origins.add(origin);
                origin.commit("a", Map.of("composer.json", "{\"name\": \"acme/lib-" + i + "\"}"));
                origin.tag("1.0." + i);
                sources.add(new Source("lib-" + i, origin.dir().toString()));
                if (i == 1 || i == 4) {
                    sources.add(new Source("missing-" + i, tmp.resolve("no-such-repository-" + i).toString()));
                }
            }
            DistributionException e = assertThrows(DistributionException.class,
                    () -> new FetchStep(DistributionLog.SILENT).run(settings(sources), new FetchOptions().retries(0).timeout(60).threads(3)));
            assertTrue(e.getMessage().contains("missing-1"), e.getMessage());
            GitCache cache = new GitCache(tmp.resolve("cache"), DistributionLog.SILENT);
            for (int i = 0; i < 6; i++) {
                try (Repository cached = cache.open(sources.stream().filter(s -> s.getName().startsWith("lib-")).toList().get(i))) {
                    assertNotNull(cached.exactRef("refs/tags/1.0." + i), "lib-" + i + " is fetched though other sources fail");
                }
            }
        } finally {
            origins.forEach(TestRepository::close);
        }
    }

    @Test
    void fetchThreadsMustBeOneOrMore() {
        DistributionException e = assertThrows(DistributionException.class,
                () -> new FetchStep(DistributionLog.SILENT).run(settings(List.of()), new FetchOptions().threads(0)));
        assertEquals("mage-os.fetch.threads must be 1 or more, not 0", e.getMessage());
    }

    @Test
    void workStartedAfterASourcesFetchThatFailsDoesNotFailTheFetchNorStopTheOthers() throws Exception {
        List<Source> sources = new ArrayList<>();
        List<TestRepository> origins = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                TestRepository origin = TestRepository.create(tmp.resolve("origin-" + i));
                origins.add(origin);
                origin.commit("a", Map.of("composer.json", "{\"name\": \"acme/lib-" + i + "\"}"));
                origin.tag("1.0." + i);
                sources.add(new Source("lib-" + i, origin.dir().toString()));
            }
            for (int threads : new int[] {1, 3}) {
                RecordingLog log = new RecordingLog();
                Set<String> done = ConcurrentHashMap.newKeySet();
                GitCache cache = new GitCache(tmp.resolve("cache"), DistributionLog.SILENT);
                new FetchStep(log).run(settings(sources), new FetchOptions().retries(0).timeout(60).threads(threads).whenFetched((s, source, p) -> {
                    try (Repository cached = cache.open(source)) {
                        // the source's fetch is done when its work starts
                        assertNotNull(cached.exactRef("refs/tags/1.0." + source.getName().substring(4)));
                    }
                    if (source.getName().equals("lib-1")) {
                        throw new DistributionException("source 'lib-1': cannot read the cached repository: broken");
                    }
                    done.add(source.getName());
                }));
                assertEquals(Set.of("lib-0", "lib-2", "lib-3"), done, threads + " threads");
                assertTrue(log.lines.contains("DEBUG lib-1: what started after its fetch failed (the package goal does it again): "
                        + "org.mageos.distribution.core.DistributionException: source 'lib-1': cannot read the cached repository: broken"), log.text());
            }
        } finally {
            origins.forEach(TestRepository::close);
        }
    }
}
