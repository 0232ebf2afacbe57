package org.mageos.distribution.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.testing.TestRepository;

/** The plan cache: a hit is used as it is, and every change of tags or rules gives a plan of its own. */
class PlanCacheTest {

    @TempDir
    Path tmp;

    private static String module(String name, String version) {
        return "{\n    \"name\": \"" + name + "\",\n    \"version\": \"" + version + "\"\n}\n";
    }

    private Path plans() {
        return tmp.resolve("plans");
    }

    private List<String> plan(Source source, TestRepository repo) {
        PackagePlan plan = new PackagePlanner(DistributionLog.SILENT).withPlanCache(plans())
                .plan(List.of(new PackagePlanner.SourceRepository(source, repo.git().getRepository())));
        return plan.versions().stream().map(v -> v.name() + " " + v.version() + " @" + v.tag().name() + " " + v.tree().name())
                .collect(Collectors.toList());
    }

    private List<Path> planFiles() throws Exception {
        if (!Files.isDirectory(plans())) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(plans())) {
            return walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    private static Source source(String path) {
        Source source = new Source("shop", "https://example.org/shop.git");
        source.setPackages(List.of(new PackageRule(path)));
        return source;
    }

    private static ObjectId folderTree(TestRepository repo, RevCommit commit, String folder) throws Exception {
        try (TreeWalk walk = TreeWalk.forPath(repo.git().getRepository(), folder, commit.getTree())) {
            return walk.getObjectId(0);
        }
    }

    @Test
    void aSecondPlanOfTheSameTagsReadsTheFoldersFromTheCache() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            RevCommit c1 = repo.commit("a", Map.of("mods/A/composer.json", module("acme/a", "1.0.0"),
                    "mods/B/composer.json", module("acme/b", "1.0.0"), "mods/B/x.php", "<?php\n"));
            repo.tag("1.0.0");
            Source source = source("mods/*");
            List<String> first = plan(source, repo);
            assertEquals(2, first.size());
            List<Path> files = planFiles();
            assertEquals(1, files.size());
            assertEquals(first, plan(source, repo));

            // a hit is taken as it is: point acme/b's entry at the tree of mods/A and the plan follows
            String treeA = folderTree(repo, c1, "mods/A").name();
            String treeB = folderTree(repo, c1, "mods/B").name();
            String text = Files.readString(files.get(0), StandardCharsets.UTF_8);
            assertTrue(text.contains(treeB), text);
            Files.writeString(files.get(0), text.replace(treeB, treeA), StandardCharsets.UTF_8);
            assertTrue(plan(source, repo).contains("acme/b 1.0.0 @1.0.0 " + treeA));

            // a truncated file is no hit: the trees are walked again
            Files.writeString(files.get(0), text.substring(0, text.indexOf("package")), StandardCharsets.UTF_8);
            assertEquals(first, plan(source, repo));
        }
    }

    @Test
    void aNewTagAMovedTagOrOtherRulesGiveANewPlan() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            repo.commit("a", Map.of("mods/A/composer.json", module("acme/a", "1.0.0"), "other/C/composer.json", module("acme/c", "1.0.0")));
            repo.tag("1.0.0");
            Source source = source("mods/*");
            assertEquals(List.of("acme/a 1.0.0"), names(plan(source, repo)));

            repo.commit("b", Map.of("mods/A/composer.json", module("acme/a", "1.0.1")));
            repo.tag("1.0.1");
            assertEquals(List.of("acme/a 1.0.0", "acme/a 1.0.1"), names(plan(source, repo)));

            // the same tag name on another commit
            repo.commit("c", Map.of("mods/A/composer.json", module("acme/a", "1.0.2")));
            repo.git().tag().setName("1.0.1").setAnnotated(false).setForceUpdate(true).call();
            assertEquals(List.of("acme/a 1.0.0", "acme/a 1.0.2"), names(plan(source, repo)));

            // another folder rule on the same tags
            assertEquals(List.of("acme/c 1.0.0"), names(plan(source("other/*"), repo)));

            // a tag removed
            repo.git().tagDelete().setTags("1.0.1").call();
            assertEquals(List.of("acme/a 1.0.0"), names(plan(source, repo)));
            assertEquals(4, planFiles().size());
        }
    }

    @Test
    void aComposerJsonFromTheProjectIsNeverCached() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            repo.commit("a", Map.of("mods/A/file.txt", "x"));
            repo.tag("1.0.0");
            Path project = tmp.resolve("project");
            Files.createDirectories(project);
            Files.writeString(project.resolve("a.json"), module("acme/a", "1.0.0"));
            Source source = new Source("shop", "https://example.org/shop.git");
            PackageRule rule = new PackageRule("mods/A");
            rule.setComposerJson("a.json");
            source.setPackages(List.of(rule));
            org.mageos.distribution.core.config.Distribution distribution = new org.mageos.distribution.core.config.Distribution(List.of(source));
            distribution.setProjectDir(project);
            PackagePlan plan = new PackagePlanner(DistributionLog.SILENT).withPlanCache(plans())
                    .plan(List.of(new PackagePlanner.SourceRepository(source, repo.git().getRepository())), distribution);
            assertEquals(1, plan.versions().size());
            assertFalse(Files.exists(plans()));
        }
    }

    private static List<String> names(List<String> plan) {
        return plan.stream().map(line -> line.substring(0, line.indexOf(" @"))).collect(Collectors.toList());
    }
}
