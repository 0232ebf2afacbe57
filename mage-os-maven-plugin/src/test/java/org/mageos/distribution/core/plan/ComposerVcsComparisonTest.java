package org.mageos.distribution.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mageos.distribution.core.packaging.PackageManifest;
import org.mageos.distribution.core.packaging.PackagedVersion;
import org.mageos.distribution.core.testing.ComposerReference;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;

/**
 * The real Composer is the reference: for one git repository per rule, the versions (name, version,
 * version_normalized) the plugin builds are the tag versions Composer's VcsRepository reads, and every zip holds the
 * files, with the bytes, of {@code composer archive} run in a checkout of the same commit. Needs php, composer and
 * git; without them the test fails (it never skips).
 */
class ComposerVcsComparisonTest {

    @TempDir
    Path tmp;

    private static final String GOOD = "{\"name\": \"acme/lib\", \"description\": \"d\"}\n";

    /** A repository: commits of (tag names, files); a file content "-> x" makes a symlink to x; the last commit is main. */
    record Fixture(String name, List<Map.Entry<List<String>, Map<String, String>>> commits) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Map.Entry<List<String>, Map<String, String>> at(List<String> tags, String... pathAndContent) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathAndContent.length; i += 2) {
            files.put(pathAndContent[i], pathAndContent[i + 1]);
        }
        return Map.entry(tags, files);
    }

    static Stream<Fixture> fixtures() {
        return Stream.of(
                new Fixture("invalid JSON at one tag", List.of(
                        at(List.of("1.0.0"), "composer.json", GOOD, "src/A.php", "<?php\n"),
                        at(List.of("1.0.1"), "composer.json", "{\"name\": \"acme/lib\",\n \"description\": }\n"),
                        at(List.of("1.0.2"), "composer.json", GOOD),
                        at(List.of("1.0.3"), "composer.json", "\uFEFF" + GOOD),
                        at(List.of("1.0.4"), "composer.json", "{}"))),
                new Fixture("duplicate keys, the last wins", List.of(
                        at(List.of("1.0.0"), "composer.json", "{\"name\": \"acme/lib\", \"suggest\": {\"a/b\": \"x\"}, \"suggest\": {\"c/d\": \"y\"},"
                                + " \"description\": \"one\", \"description\": \"two\"}\n", "README.md", "read me\n"))),
                new Fixture("invalid packages", List.of(
                        at(List.of("1.0.0"), "composer.json", "{\"name\": \"Acme_Lib\"}\n"),
                        at(List.of("1.1.0"), "composer.json", "{\"name\": \"acme/lib\", \"require\": {\"php\": \">=7 <<8\"}}\n"),
                        at(List.of("1.2.0"), "composer.json", "{\"name\": \"acme/lib\", \"require\": {\"acme/lib\": \"*\"}}\n"),
                        at(List.of("1.3.0"), "composer.json", "{\"name\": \"acme/lib\", \"autoload\": {\"psr-4\": {\"Acme\": \"src/\"}}}\n"),
                        at(List.of("1.4.0"), "composer.json", "{\"name\": \"acme/lib\", \"description\": 5}\n"),
                        at(List.of(), "composer.json", GOOD))),
                new Fixture("versions in composer.json against the tag", List.of(
                        at(List.of("1.0.0", "v1.0.0"), "composer.json", "{\"name\": \"acme/lib\", \"version\": \"1.0.0\"}\n"),
                        at(List.of("1.1.0"), "composer.json", "{\"name\": \"acme/lib\", \"version\": \"1.0.9\"}\n"),
                        at(List.of("v1.2.0"), "composer.json", "{\"name\": \"acme/lib\", \"version\": \"1.2.0\"}\n"),
                        at(List.of("release-1.3.0", "2.0.0-dev", "1.4.0-beta1"), "composer.json", GOOD),
                        at(List.of("1.5.0"), "composer.json", "{\"name\": \"acme/lib\", \"version\": \"1.5.0-dev\"}\n"))),
                new Fixture("renamed package", List.of(
                        at(List.of("1.0.0"), "composer.json", "{\"name\": \"acme/old-name\"}\n"),
                        at(List.of("2.0.0"), "composer.json", "{\"name\": \"acme/new-name\"}\n"),
                        at(List.of(), "composer.json", "{\"name\": \"acme/newest\"}\n"))),
                new Fixture("text, eol=crlf and -text", List.of(
                        at(List.of("1.0.0"), "composer.json", GOOD,
                                ".gitattributes", "*.txt text eol=crlf\n*.bat eol=crlf\n*.md text\n*.bin -text\n*.csv text=auto eol=crlf\n"
                                        + "/docs/*.rst text eol=crlf\n/tests export-ignore\n",
                                "a.txt", "one\ntwo\n", "run.bat", "echo\nx\n", "README.md", "read\nme\n", "data.bin", "a\nb\r\n",
                                "table.csv", "a,b\n1,2\n", "bin.csv", "a\u0000b\n", "docs/x.rst", "r\ns\n", "docs/sub/y.rst", "t\n",
                                "src/.gitattributes", "*.php text eol=crlf\n", "src/A.php", "<?php\n\necho 1;\n", "tests/T.txt", "t\n"))),
                new Fixture("symbolic links", List.of(
                        at(List.of("1.0.0"), "composer.json", "{\"name\": \"acme/lib\", \"archive\": {\"exclude\": [\"/secret\"]}}\n",
                                ".gitattributes", "/tests export-ignore\n",
                                "README.md", "read me\n", "bin/tool", "#!/bin/sh\n", "src/A.php", "<?php\n",
                                "src/link.php", "-> A.php", "chain", "-> src/link.php", "readme-link", "-> ./bin/../README.md",
                                "folder-link", "-> src", "via-folder", "-> folder-link/A.php", "up", "-> ../outside.txt",
                                "absolute", "-> /etc/hostname", "dangling", "-> nothing.php", "secret/key", "k\n", "key-link", "-> secret/key",
                                "tests/T.php", "t\n", "tests/to-src", "-> ../src/A.php", "test-link", "-> tests/T.php"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void sameVersionsAndZipsAsComposer(Fixture fixture) throws Exception {
        Path gitDir = tmp.resolve("repo");
        Files.writeString(tmp.resolve("outside.txt"), "outside\n");
        try (TestRepository repo = TestRepository.create(gitDir)) {
            for (Map.Entry<List<String>, Map<String, String>> commit : fixture.commits()) {
                write(repo, commit.getValue());
                repo.commit("c", Map.of());
                for (String tag : commit.getKey()) {
                    repo.tag(tag);
                }
            }
        }
        TreeSet<String> composers = new TreeSet<>();
        for (ComposerReference.VcsVersion v : ComposerReference.vcsVersions(gitDir, tmp.resolve("composer"))) {
            if (!v.version().startsWith("dev-") && !v.version().endsWith("-dev")) {
                composers.add(v.name() + " " + v.version() + " " + v.versionNormalized());
            }
        }
        RecordingLog log = new RecordingLog();
        PackageManifest manifest = ComposerReference.pluginBuild("lib", gitDir, tmp.resolve("plugin"), log);
        TreeSet<String> ours = new TreeSet<>();
        manifest.versions.forEach(v -> ours.add(v.name + " " + v.version + " " + v.versionNormalized));
        assertEquals(composers, ours, fixture + ": the plugin's versions differ from Composer's VcsRepository");
        assertFalse(ours.isEmpty(), "every fixture has versions");
        List<String> differences = new ArrayList<>();
        for (PackagedVersion v : manifest.versions) {
            Map<String, byte[]> composerZip = ComposerReference.composerArchive(gitDir, v.commit, tmp.resolve("archive"));
            Map<String, byte[]> ourZip = ComposerReference.zipFiles(tmp.resolve("plugin/repository").resolve(v.distPath));
            ComposerReference.differences(ourZip, composerZip).forEach(d -> differences.add(v.version + ": " + d));
        }
        assertEquals(List.of(), differences, fixture + ": our zips differ from composer archive's");
        if (fixture.name().equals("invalid JSON at one tag")) {
            assertTrue(log.text().contains("WARN source 'lib', tag '1.0.1', path 'composer.json': skipped, composer.json does not"
                    + " contain valid JSON"), log.text());
        }
    }

    private static void write(TestRepository repo, Map<String, String> files) throws Exception {
        Git git = repo.git();
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = repo.dir().resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.deleteIfExists(p);
            if (f.getValue().startsWith("-> ")) {
                Files.createSymbolicLink(p, Path.of(f.getValue().substring(3)));
            } else {
                Files.write(p, f.getValue().getBytes(StandardCharsets.UTF_8));
                if (f.getKey().startsWith("bin/")) {
                    p.toFile().setExecutable(true);
                }
            }
        }
        git.add().addFilepattern(".").call();
    }
}
