package org.mageos.distribution.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Release;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.testing.TestRepository;

/** One package name and version from two sources: fine when both give the same files, an error naming both when not. */
class TwoSourcesOneVersionTest {

    @TempDir
    Path tmp;

    private TestRepository repository(String name, String code) throws Exception {
        TestRepository repo = TestRepository.create(tmp.resolve(name));
        repo.commit("a", Map.of("mods/A/composer.json", "{\"name\": \"acme/a\", \"version\": \"1.0.0\"}\n", "mods/A/a.php", code));
        repo.tag("1.0.0");
        return repo;
    }

    private static PackagePlanner.SourceRepository source(String name, TestRepository repo) {
        Source source = new Source(name, repo.dir().toString());
        source.setPackages(List.of(new PackageRule("mods/*")));
        return new PackagePlanner.SourceRepository(source, repo.git().getRepository());
    }

    private static PackagePlan plan(List<PackagePlanner.SourceRepository> sources, List<Release> releases) {
        List<Source> list = sources.stream().map(PackagePlanner.SourceRepository::source).toList();
        return new PackagePlanner(DistributionLog.SILENT).plan(sources, new Distribution(list).setReleases(releases));
    }

    @Test
    void otherFilesFailTheBuildNamingBothSourcesWhateverTheirOrder() throws Exception {
        try (TestRepository one = repository("one", "<?php // one\n"); TestRepository two = repository("two", "<?php // two\n")) {
            for (List<PackagePlanner.SourceRepository> order : List.of(List.of(source("one", one), source("two", two)),
                    List.of(source("two", two), source("one", one)))) {
                DistributionException e = assertThrows(DistributionException.class, () -> plan(order, List.of()));
                assertTrue(e.getMessage().contains("acme/a 1.0.0"), e.getMessage());
                assertTrue(e.getMessage().contains("source 'one', tag '1.0.0', path 'mods/A/composer.json'")
                        && e.getMessage().contains("source 'two', tag '1.0.0', path 'mods/A/composer.json'"), e.getMessage());
            }
        }
    }

    @Test
    void otherFilesInOneReleaseFailTheBuildToo() throws Exception {
        try (TestRepository one = repository("one", "<?php // one\n"); TestRepository two = repository("two", "<?php // two\n")) {
            Release release = new Release();
            release.setVersion("1.0.0");
            release.setTags(List.of(new Release.ReleaseTag("one", "1.0.0"), new Release.ReleaseTag("two", "1.0.0")));
            DistributionException e = assertThrows(DistributionException.class,
                    () -> plan(List.of(source("one", one), source("two", two)), List.of(release)));
            assertTrue(e.getMessage().contains("source 'one'") && e.getMessage().contains("source 'two'"), e.getMessage());
        }
    }

    @Test
    void theSameFilesFromTwoSourcesAreOneVersion() throws Exception {
        try (TestRepository one = repository("one", "<?php // same\n"); TestRepository two = repository("two", "<?php // same\n")) {
            PackagePlan plan = plan(List.of(source("one", one), source("two", two)), List.of());
            assertEquals(1, plan.versions().size());
            assertEquals("one", plan.versions().get(0).source().getName());
        }
    }
}
