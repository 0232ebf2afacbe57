package org.mageos.distribution.core.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.codec.digest.DigestUtils;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.GitCache;
import org.mageos.distribution.core.index.RepositoryIndex;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;

/**
 * Git trees made by hand, as an attacker would: paths that escape the package, VCS folders in other cases, control
 * characters, huge names, names that decode alike; versions whose zips would share a file name; composer.json
 * link sections that are not objects. Each fails the build naming source, tag and path, or gets a zip of its own.
 */
class HostileInputTest {

    @TempDir
    Path tmp;

    private TestRepository repo;
    private Path project;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepository.create(tmp.resolve("repo"));
        project = tmp.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), "<project/>\n");
    }

    /** Tags a commit whose tree is {@code mods/A/} with these entries (raw names; a value that is a map is a folder). */
    private void tagTree(String tag, Map<byte[], Object> entries) throws Exception {
        Repository r = repo.git().getRepository();
        try (ObjectInserter inserter = r.newObjectInserter()) {
            ObjectId a = tree(inserter, entries);
            TreeFormatter mods = new TreeFormatter();
            mods.append("A", FileMode.TREE, a);
            TreeFormatter root = new TreeFormatter();
            root.append("mods", FileMode.TREE, inserter.insert(mods));
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(inserter.insert(root));
            PersonIdent who = new PersonIdent("Test", "test@example.org", java.util.Date.from(Instant.parse("2024-03-01T12:00:00Z")),
                    java.util.TimeZone.getTimeZone("UTC"));
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(tag);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = r.updateRef(Constants.R_TAGS + tag);
            update.setNewObjectId(id);
            update.setForceUpdate(true);
            update.update();
        }
    }

    @SuppressWarnings("unchecked")
    private static ObjectId tree(ObjectInserter inserter, Map<byte[], Object> entries) throws Exception {
        // git sorts tree entries by name bytes (a folder as if its name ended with '/')
        Map<String, Map.Entry<byte[], Object>> sorted = new TreeMap<>();
        for (Map.Entry<byte[], Object> e : entries.entrySet()) {
            String key = new String(e.getKey(), StandardCharsets.ISO_8859_1) + (e.getValue() instanceof Map ? "/" : "");
            sorted.put(key, e);
        }
        TreeFormatter tree = new TreeFormatter();
        for (Map.Entry<byte[], Object> e : sorted.values()) {
            if (e.getValue() instanceof Map) {
                tree.append(e.getKey(), FileMode.TREE, tree(inserter, (Map<byte[], Object>) e.getValue()));
            } else {
                tree.append(e.getKey(), FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, ((String) e.getValue()).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return inserter.insert(tree);
    }

    private static Map<byte[], Object> files(Object... pathsAndContents) {
        Map<byte[], Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Object name = pathsAndContents[i];
            map.put(name instanceof byte[] ? (byte[]) name : ((String) name).getBytes(StandardCharsets.UTF_8), pathsAndContents[i + 1]);
        }
        return map;
    }

    private static String composerJson(String version) {
        return "{\"name\": \"acme/a\", \"version\": \"" + version + "\"}\n";
    }

    private Path build() {
        Source source = new Source("shop", repo.dir().toString());
        source.setPackages(List.of(new PackageRule("mods/*")));
        Distribution distribution = new Distribution(List.of(source)).setProjectDir(project).setNightlyDate(LocalDate.parse("2026-11-21"));
        Path cache = tmp.resolve("cache");
        new GitCache(cache, DistributionLog.SILENT).fetch(source, false);
        Path output = project.resolve("target/repository");
        Path manifest = project.resolve("target/mage-os/build-manifest.json");
        new PackageStep(new RecordingLog(), cache, output, manifest).timestamp(Instant.parse("2024-01-01T00:00:00Z"))
                .notInput(project.resolve("target")).run(distribution);
        new RepositoryIndex(DistributionLog.SILENT).write(PackageManifest.read(manifest), "https://mirror.example.org/", output);
        return output;
    }

    private String refused(Map<byte[], Object> entries) throws Exception {
        tagTree("1.0.0", entries);
        DistributionException e = assertThrows(DistributionException.class, this::build);
        assertTrue(e.getMessage().contains("source 'shop', tag '1.0.0', path 'mods/A/composer.json'"), e.getMessage());
        assertTrue(!Files.exists(project.resolve("target/repository/dist/acme/a/a-1.0.0.zip")), "no zip is left");
        return e.getMessage();
    }

    @Test
    void aPathOutsideThePackageFailsTheBuild() throws Exception {
        String message = refused(files("composer.json", composerJson("1.0.0"), "..", files("evil.php", "<?php\n")));
        assertTrue(message.contains("'../evil.php'"), message);
        message = refused(files("composer.json", composerJson("1.0.0"), "/abs.php", "<?php\n"));
        assertTrue(message.contains("'/abs.php'"), message);
        message = refused(files("composer.json", composerJson("1.0.0"), "sub", files(".", files("x.php", "<?php\n"))));
        assertTrue(message.contains("'sub/./x.php'"), message);
    }

    @Test
    void aGitFolderInAnotherCaseFailsTheBuildAndTheExactOneIsLeftOutAsComposerDoes() throws Exception {
        String message = refused(files("composer.json", composerJson("1.0.0"), "sub", files(".GIT", files("config", "[core]\n"))));
        assertTrue(message.contains("'sub/.GIT/config'"), message);
        message = refused(files("composer.json", composerJson("1.0.0"), ".Git", files("hooks", files("post-checkout", "#!/bin/sh\n"))));
        assertTrue(message.contains("'.Git/hooks/post-checkout'"), message);

        tagTree("1.0.0", files("composer.json", composerJson("1.0.0"), "a.php", "<?php\n", ".git", files("config", "[core]\n")));
        Path output = build();
        assertEquals(List.of("a.php", "composer.json"), entries(output.resolve("dist/acme/a/a-1.0.0.zip")));
    }

    @Test
    void controlCharactersAndHugeNamesFailTheBuild() throws Exception {
        String message = refused(files("composer.json", composerJson("1.0.0"), "a\u0001.php", "<?php\n"));
        assertTrue(message.contains("control character"), message);
        message = refused(files("composer.json", composerJson("1.0.0"), "a\n.php", "<?php\n"));
        assertTrue(message.contains("control character"), message);
        message = refused(files("composer.json", composerJson("1.0.0"), "x".repeat(6000) + ".php", "<?php\n"));
        assertTrue(message.contains("longer than"), message);
        assertTrue(message.length() < 1000, "the message shows the start of the name only: " + message.length());
    }

    @Test
    void twoNamesThatDecodeAlikeFailTheBuildNamingBoth() throws Exception {
        byte[] latin1 = "caf\u00e9.php".getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf8 = "caf\u00e9.php".getBytes(StandardCharsets.UTF_8);
        String message = refused(files("composer.json", composerJson("1.0.0"), latin1, "<?php // latin-1\n", utf8, "<?php // utf-8\n"));
        assertTrue(message.contains("caf\\xe9.php") && message.contains("caf\\xc3\\xa9.php"), message);
    }

    @Test
    void linkSectionsThatAreNotObjectsAreRefused() throws Exception {
        for (String section : List.of("require", "require-dev", "conflict", "provide", "replace", "suggest")) {
            String message = refused(files("composer.json", "{\"name\": \"acme/a\", \"version\": \"1.0.0\", \"" + section + "\": \"php\"}\n"));
            assertTrue(message.contains("\"" + section + "\" must be an object"), message);
        }
        // PHP reads [] as an empty array: Composer takes it, and so do we
        tagTree("1.0.0", files("composer.json", "{\"name\": \"acme/a\", \"version\": \"1.0.0\", \"require\": []}\n"));
        assertTrue(Files.isRegularFile(build().resolve("dist/acme/a/a-1.0.0.zip")));
    }

    @Test
    void versionsWhoseFileNamesWouldCollideGetAZipEachAndOrdinaryNamesStay() throws Exception {
        tagTree("1.0.2", files("composer.json", composerJson("1.0.2"), "a.php", "<?php // plain\n"));
        tagTree("1.0.3+rc1", files("composer.json", composerJson("1.0.3+rc1"), "a.php", "<?php // build metadata\n"));
        tagTree("1.0.3-rc1", files("composer.json", composerJson("1.0.3-rc1"), "a.php", "<?php // release candidate\n"));
        Path output = build();
        assertTrue(Files.isRegularFile(output.resolve("dist/acme/a/a-1.0.2.zip")), "an ordinary version keeps its file name");
        assertTrue(Files.isRegularFile(output.resolve("dist/acme/a/a-1.0.3-rc1.zip")));
        String p2 = Files.readString(output.resolve("p2/acme/a.json"));
        List<String> urls = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"url\":\"https://mirror.example.org/([^\"]+)\",\"reference\":\"[0-9a-f]+\",\"shasum\":\"([0-9a-f]{40})\"").matcher(p2);
        while (m.find()) {
            urls.add(m.group(1));
            assertEquals(m.group(2), DigestUtils.sha1Hex(Files.readAllBytes(output.resolve(m.group(1)))), m.group(1));
        }
        assertEquals(3, urls.size(), p2);
        assertEquals(3, urls.stream().distinct().count(), urls.toString());
        assertNotEquals(-1, p2.indexOf("1.0.3+rc1"), p2);
    }

    private static List<String> entries(Path zip) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        return names;
    }
}
