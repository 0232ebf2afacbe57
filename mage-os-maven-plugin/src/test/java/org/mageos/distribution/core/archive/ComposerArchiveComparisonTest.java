package org.mageos.distribution.core.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mageos.distribution.core.io.Json;

/**
 * Our file selection against the real {@code composer archive} (the Composer client on PATH) on the same trees:
 * each fixture is committed to git; Composer archives the checkout, we list the commit's tree; the sets of file
 * paths must be equal. The fixtures are the cases where an archiver goes wrong.
 *
 * <p>Where we differ from Composer on purpose, fixtures stay out of the way: a symlink is stored as a symlink and
 * judged by its own path (Composer stores the target's content, judges the target's path, and drops links to
 * folders), and empty folders do not exist in git.
 */
class ComposerArchiveComparisonTest {

    @TempDir
    Path tmp;

    /** A package: file path to content; a content starting with "-> " makes a symlink to the rest. */
    static Stream<Object[]> fixtures() {
        List<Object[]> all = new ArrayList<>();
        all.add(fixture("export-ignore and -export-ignore, in order",
                "{\"name\": \"t/order\"}",
                "/tests export-ignore\n/tests/Keep.php -export-ignore\n*.md export-ignore\nREADME.md -export-ignore\n"
                        + "/docs/keep.txt -export-ignore\n/docs export-ignore\n",
                "tests/A.php", "tests/Keep.php", "tests/sub/B.php", "README.md", "CHANGELOG.md", "src/NOTES.md", "docs/keep.txt",
                "docs/a.txt", "src/A.php"));
        all.add(fixture("anchored and unanchored patterns",
                "{\"name\": \"t/anchor\"}",
                "/build export-ignore\ncache export-ignore\nsrc/gen export-ignore\n/lib/*.php export-ignore\n",
                "build/a.js", "src/build/b.js", "cache/c", "src/cache/d", "src/cachefile", "src/gen/e.php", "other/src/gen/f.php",
                "lib/g.php", "lib/sub/h.php", "lib/i.phtml"));
        all.add(fixture("'*' does not match a leading dot",
                "{\"name\": \"t/star\", \"archive\": {\"exclude\": [\"src/*\", \"*.txt\", \"/conf/*.dist\"]}}",
                null,
                "src/a.php", "src/.env", "src/sub/b.php", "src/.hidden/c.php", ".txt", "a.txt", "dir/.b.txt", "conf/x.dist",
                "conf/.y.dist", "keep.php"));
        all.add(fixture("directory prefixes and trailing slashes",
                "{\"name\": \"t/prefix\"}",
                "/Test export-ignore\ndev/ export-ignore\nTests export-ignore\n",
                "Test/x.php", "TestCase.php", "Tests/y.php", "src/Test/z.php", "src/Tests/w.php", "dev/tool", "devtools/t",
                "src/dev/u", "src/development.php"));
        all.add(fixture("archive.exclude after .gitattributes, negations, ** and braces",
                "{\"name\": \"t/composer\", \"archive\": {\"exclude\": [\"!/docs/keep.md\", \"/vendor-bin\", \"**/*.log\","
                        + " \"*.{dist,bak}\", \"file?.php\", \"!/src/important.log\"]}}",
                "/docs export-ignore\n/src/*.log export-ignore\n",
                "docs/keep.md", "docs/other.md", "vendor-bin/phpunit", "a.log", "src/important.log", "src/sub/deep.log",
                "phpunit.xml.dist", "x.bak", "file1.php", "file10.php", "src/file2.php"));
        all.add(fixture("VCS folders at any depth, and names that only look like them",
                "{\"name\": \"t/vcs\"}",
                null,
                ".svn/entries", "lib/.hg/store", "lib/CVS/Root", "deep/er/_darcs/x", ".bzr/y", "lib/_svn/z", "lib/.gitkeep",
                ".github/workflows/ci.yml", ".gitignore", "lib/CVSfile", "lib/svn/a", ".monotone/m", ".arch-params/p"));
        all.add(fixture(".gitattributes lines: spaces, tabs, comments, CRLF, three tokens, nested files",
                "{\"name\": \"t/lines\"}",
                "  /spaced export-ignore  \n/tabbed\texport-ignore\n# /commented export-ignore\n/crlf export-ignore\r\n"
                        + "/three export-ignore -diff\n/kept export-ignore=true\n\n/twice  export-ignore\n",
                "spaced/a", "tabbed/b", "commented/c", "crlf/d", "three/e", "kept/f", "twice/g", "sub/.gitattributes", "sub/h"));
        all.add(fixture("symlinks inside, outside, absolute",
                "{\"name\": \"t/links\"}",
                "/excluded export-ignore\n",
                "README.md", "bin/tool", "bin/readme-link=-> ../README.md", "up=-> ../outside.txt", "abs=-> /etc/hostname",
                "excluded/x", "same-dir-link=-> README.md"));
        return all.stream();
    }

    private static Object[] fixture(String name, String composerJson, String gitAttributes, String... files) {
        Map<String, String> content = new LinkedHashMap<>();
        content.put("composer.json", composerJson + "\n");
        if (gitAttributes != null) {
            content.put(".gitattributes", gitAttributes);
        }
        for (String f : files) {
            int eq = f.indexOf("=-> ");
            if (eq > 0) {
                content.put(f.substring(0, eq), f.substring(eq + 1));
            } else {
                content.put(f, "content of " + f + "\n");
            }
        }
        return new Object[] {name, content};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void sameFilesAsComposerArchive(String name, Map<String, String> files) throws Exception {
        Path work = tmp.resolve("package");
        Files.createDirectories(work);
        Files.writeString(tmp.resolve("outside.txt"), "outside\n");
        RevCommit commit;
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = work.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                if (f.getValue().startsWith("-> ")) {
                    Files.createSymbolicLink(p, Paths.get(f.getValue().substring(3)));
                } else {
                    Files.write(p, f.getValue().getBytes(StandardCharsets.UTF_8));
                }
            }
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Test", "test@example.org");
            commit = git.commit().setMessage(name).setAuthor(who).setCommitter(who).call();
            assertEquals(files.size(), countFiles(git, commit), "every fixture file is committed");

            TreeSet<String> ours = new TreeSet<>();
            try (ObjectReader reader = git.getRepository().newObjectReader()) {
                JsonNode composerJson = Json.parseObject(files.get("composer.json").getBytes(StandardCharsets.UTF_8));
                List<String> exclude = new ArrayList<>();
                composerJson.path("archive").path("exclude").forEach(r -> exclude.add(r.asText()));
                ExcludeRules rules = ExcludeRules.of(files.get(".gitattributes"), exclude);
                PackageTreeReader.list(reader, commit.getTree(), rules, message -> { }).forEach(f -> ours.add(f.path()));
            }
            ours.add("composer.json");
            assertEquals(composerArchive(work), ours, name + ": our files differ from composer archive's");
        }
    }

    private static int countFiles(Git git, RevCommit commit) throws IOException {
        int n = 0;
        try (org.eclipse.jgit.treewalk.TreeWalk walk = new org.eclipse.jgit.treewalk.TreeWalk(git.getRepository())) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                n++;
            }
        }
        return n;
    }

    /** The file paths of the zip that {@code composer archive} makes of the package in {@code work}. */
    private TreeSet<String> composerArchive(Path work) throws Exception {
        Path out = tmp.resolve("composer-out");
        Path home = tmp.resolve("composer-home");
        ProcessBuilder pb = new ProcessBuilder("composer", "archive", "--format=zip", "--dir=" + out, "--file=package",
                "--no-interaction", "--no-ansi").directory(work.toFile()).redirectErrorStream(true);
        pb.environment().remove("COMPOSER");
        pb.environment().put("COMPOSER_HOME", home.toString());
        pb.environment().put("COMPOSER_CACHE_DIR", home.resolve("cache").toString());
        pb.environment().put("COMPOSER_ALLOW_SUPERUSER", "1");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("This test needs the Composer client: install composer php-cli php-zip unzip (" + e.getMessage() + ")");
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "composer archive did not finish");
        assertEquals(0, p.exitValue(), "composer archive failed:\n" + output);
        TreeSet<String> paths = new TreeSet<>();
        try (ZipFile zip = new ZipFile(out.resolve("package.zip").toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (!e.isDirectory()) {
                    paths.add(e.getName());
                }
            }
        }
        return paths;
    }
}
