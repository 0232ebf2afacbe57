package org.mageos.distribution.core.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.testing.TestRepository;

class DistArchiveWriterTest {

    @TempDir
    Path tmp;

    private RevCommit fixture(TestRepository repo) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("composer.json", "{\"name\": \"acme/lib\"}\n");
        files.put("src/Zeta.php", "<?php // zeta\n");
        files.put("src/Alpha.php", "<?php // alpha\n");
        files.put("README.md", "# lib\n");
        files.put("Test/FooTest.php", "<?php // test\n");
        files.put(".gitattributes", "/Test export-ignore\n");
        files.put("bin/tool", "#!/bin/sh\necho hi\n");
        return repo.commit("initial", files);
    }

    private List<PackageFile> list(Repository repository, RevCommit commit, List<String> warnings) throws Exception {
        try (ObjectReader reader = repository.newObjectReader()) {
            return PackageTreeReader.list(reader, commit.getTree(), ExcludeRules.of("/Test export-ignore\n", List.of()), warnings::add);
        }
    }

    private String write(Repository repository, List<PackageFile> files, Instant timestamp, Path target) throws Exception {
        try (ObjectReader reader = repository.newObjectReader()) {
            return new DistArchiveWriter(timestamp).write(reader, files, Map.of(), target);
        }
    }

    @Test
    void sameInputSameBytesWhateverTheOrderTimeZoneAndTime() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            RevCommit commit = fixture(repo);
            Repository repository = repo.git().getRepository();
            List<PackageFile> files = list(repository, commit, new ArrayList<>());
            Path first = tmp.resolve("a/first.zip");
            String sha1 = write(repository, files, null, first);

            List<PackageFile> shuffled = new ArrayList<>(files);
            Collections.reverse(shuffled);
            TimeZone original = TimeZone.getDefault();
            try {
                TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
                Path second = tmp.resolve("b/second.zip");
                assertEquals(sha1, write(repository, shuffled, null, second));
                assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
            } finally {
                TimeZone.setDefault(original);
            }
            assertEquals(sha1, DistArchiveWriter.sha1(first));
        }
    }

    @Test
    void compressedFormatsStoredEverythingElseDeflated() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            RevCommit commit = repo.commit("media", Map.of("composer.json", "{\"name\": \"acme/media\"}\n",
                    "web/logo.PNG", "png bytes", "web/font.woff2", "font bytes", "web/app.js", "var a = 1;\n", "png", "no extension",
                    "web/.png", "a dot file"));
            Repository repository = repo.git().getRepository();
            Path zip = tmp.resolve("media.zip");
            write(repository, list(repository, commit, new ArrayList<>()), null, zip);
            try (ZipFile zf = ZipFile.builder().setPath(zip).get()) {
                for (ZipArchiveEntry e : Collections.list(zf.getEntries())) {
                    boolean stored = e.getName().equals("web/logo.PNG") || e.getName().equals("web/font.woff2");
                    assertEquals(stored ? ZipArchiveEntry.STORED : ZipArchiveEntry.DEFLATED, e.getMethod(), e.getName());
                }
                assertEquals("png bytes", new String(zf.getInputStream(zf.getEntry("web/logo.PNG")).readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void entriesSortedWithFixedTimeModesAndNoExtraFields() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            RevCommit commit = fixture(repo);
            Path bin = repo.dir().resolve("bin/tool");
            bin.toFile().setExecutable(true);
            repo.git().add().addFilepattern("bin/tool").call();
            commit = repo.commit("exec", Map.of());
            Repository repository = repo.git().getRepository();
            Path zip = tmp.resolve("out.zip");
            Instant timestamp = Instant.parse("2024-05-06T07:08:10Z");
            write(repository, list(repository, commit, new ArrayList<>()), timestamp, zip);
            try (ZipFile zf = ZipFile.builder().setPath(zip).get()) {
                List<String> names = new ArrayList<>();
                for (ZipArchiveEntry e : Collections.list(zf.getEntries())) {
                    names.add(e.getName());
                    assertEquals(0, e.getExtraFields().length, e.getName() + " has extra fields");
                    assertEquals(0, e.getCentralDirectoryExtra().length, e.getName());
                    assertEquals(LocalDateTime.of(2024, 5, 6, 7, 8, 10),
                            LocalDateTime.ofInstant(Instant.ofEpochMilli(e.getTime()), TimeZone.getDefault().toZoneId()));
                    assertEquals(e.getName().equals("bin/tool") ? 0100755 : 0100644, e.getUnixMode(), e.getName());
                }
                // Test/ is export-ignored; no folder entries, like Composer's archiver
                assertEquals(List.of(".gitattributes", "README.md", "bin/tool", "composer.json", "src/Alpha.php", "src/Zeta.php"), names);
                assertEquals("<?php // alpha\n", new String(zf.getInputStream(zf.getEntry("src/Alpha.php")).readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void replacementsAndUnchangedTargetKeepsItsMtime() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            RevCommit commit = fixture(repo);
            Repository repository = repo.git().getRepository();
            List<PackageFile> files = list(repository, commit, new ArrayList<>());
            Path zip = tmp.resolve("out.zip");
            byte[] json = "{\"name\": \"acme/lib\", \"version\": \"1.0.0\"}\n".getBytes(StandardCharsets.UTF_8);
            try (ObjectReader reader = repository.newObjectReader()) {
                new DistArchiveWriter(null).write(reader, files, Map.of("composer.json", json), zip);
            }
            FileTime old = FileTime.fromMillis(1_000_000_000_000L);
            Files.setLastModifiedTime(zip, old);
            try (ObjectReader reader = repository.newObjectReader()) {
                new DistArchiveWriter(null).write(reader, files, Map.of("composer.json", json), zip);
            }
            assertEquals(old, Files.getLastModifiedTime(zip), "rewritten although the bytes are the same");
            try (ZipFile zf = ZipFile.builder().setPath(zip).get()) {
                assertArrayEquals(json, zf.getInputStream(zf.getEntry("composer.json")).readAllBytes());
            }
            try (java.util.stream.Stream<Path> left = Files.list(tmp)) {
                assertFalse(left.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary file left behind");
            }
        }
    }

    /** A real reader that counts the objects opened through it. */
    private static final class CountingReader extends ObjectReader.Filter {
        private final ObjectReader delegate;
        int opened;

        CountingReader(ObjectReader delegate) {
            this.delegate = delegate;
        }

        @Override
        protected ObjectReader delegate() {
            return delegate;
        }

        @Override
        public ObjectLoader open(AnyObjectId objectId) throws IOException {
            opened++;
            return super.open(objectId);
        }

        @Override
        public ObjectLoader open(AnyObjectId objectId, int typeHint) throws IOException {
            opened++;
            return super.open(objectId, typeHint);
        }
    }

    @Test
    void compressedBlobKeptInMemoryGivesTheSameBytesWithoutOpeningGitObjects() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            Map<String, String> content = new LinkedHashMap<>();
            content.put("composer.json", "{\"name\": \"acme/lib\"}\n");
            content.put("src/Model.php", "<?php\n" + "// a line that deflates well\n".repeat(2000));
            content.put("web/logo.png", "stored as it is");
            content.put("empty.txt", "");
            RevCommit commit = repo.commit("content", content);
            Repository repository = repo.git().getRepository();
            List<PackageFile> files = new ArrayList<>(list(repository, commit, new ArrayList<>()));
            files.add(PackageFile.directory("var/cache"));
            byte[] json = "{\"name\": \"acme/lib\", \"version\": \"1.0.0\"}\n".getBytes(StandardCharsets.UTF_8);
            Map<String, byte[]> replacements = Map.of("composer.json", json);

            DistArchiveWriter writer = new DistArchiveWriter(null);
            Path miss = tmp.resolve("miss.zip");
            Path hit = tmp.resolve("hit.zip");
            Path uncached = tmp.resolve("uncached.zip");
            try (CountingReader reader = new CountingReader(repository.newObjectReader())) {
                String sha1 = writer.write(reader, files, replacements, miss);
                // composer.json is replaced: three blobs to read
                assertEquals(3, reader.opened, "a first zip reads each blob once");
                assertEquals(sha1, DistArchiveWriter.sha1(miss));
                reader.opened = 0;
                assertEquals(sha1, writer.write(reader, files, replacements, hit));
                assertEquals(0, reader.opened, "a blob compressed for an earlier zip was read from git again");
            }
            try (CountingReader reader = new CountingReader(repository.newObjectReader())) {
                new DistArchiveWriter(null, 0).write(reader, files, replacements, uncached);
                new DistArchiveWriter(null, 0).write(reader, files, replacements, uncached);
                assertEquals(6, reader.opened, "a writer that keeps nothing reads every blob for every zip");
            }
            assertArrayEquals(Files.readAllBytes(miss), Files.readAllBytes(hit));
            assertArrayEquals(Files.readAllBytes(miss), Files.readAllBytes(uncached));
        }
    }

    @Test
    void blobsTooLargeToKeepStreamAndStoredOnesKeepTheirCrc() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            StringBuilder big = new StringBuilder();
            java.util.Random random = new java.util.Random(7);
            while (big.length() <= DistArchiveWriter.MAX_KEPT_BLOB) {
                big.append(random.nextLong()).append('\n');
            }
            // a large file in a format stored as it is (the text stands for the bytes of an image)
            String image = new StringBuilder(big).reverse().toString();
            RevCommit commit = repo.commit("big", Map.of("composer.json", "{\"name\": \"acme/big\"}\n", "data/big.txt", big.toString(),
                    "web/big.png", image));
            Repository repository = repo.git().getRepository();
            List<PackageFile> files = list(repository, commit, new ArrayList<>());
            DistArchiveWriter writer = new DistArchiveWriter(null);
            Path first = tmp.resolve("first.zip");
            Path second = tmp.resolve("second.zip");
            try (CountingReader reader = new CountingReader(repository.newObjectReader())) {
                String sha1 = writer.write(reader, files, Map.of(), first);
                assertEquals(sha1, DistArchiveWriter.sha1(first));
                reader.opened = 0;
                assertEquals(sha1, writer.write(reader, files, Map.of(), second));
                assertEquals(2, reader.opened, "the large files are read from git again, the small composer.json is not");
            }
            // the second zip copied the image with its crc known: the same bytes as the first, which streamed it
            assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
            try (ZipFile zf = ZipFile.builder().setPath(second).get()) {
                assertEquals(big.toString(), new String(zf.getInputStream(zf.getEntry("data/big.txt")).readAllBytes(), StandardCharsets.UTF_8));
                assertEquals(image, new String(zf.getInputStream(zf.getEntry("web/big.png")).readAllBytes(), StandardCharsets.UTF_8));
                assertEquals(ZipArchiveEntry.STORED, zf.getEntry("web/big.png").getMethod());
            }
        }
    }

    @Test
    void symlinksAreFollowedAsComposersArchiverDoes() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            fixture(repo);
            Files.createSymbolicLink(repo.dir().resolve("src/Link.php"), Path.of("Alpha.php"));
            Files.createSymbolicLink(repo.dir().resolve("chain"), Path.of("src/Link.php"));
            Files.createSymbolicLink(repo.dir().resolve("folder"), Path.of("src"));
            Files.createSymbolicLink(repo.dir().resolve("via-folder"), Path.of("folder/Alpha.php"));
            Files.createSymbolicLink(repo.dir().resolve("loop"), Path.of("loop"));
            Files.createSymbolicLink(repo.dir().resolve("escape"), Path.of("../outside"));
            Files.createSymbolicLink(repo.dir().resolve("absolute"), Path.of("/etc/passwd"));
            repo.git().add().addFilepattern(".").call();
            RevCommit commit = repo.commit("links", Map.of());
            Repository repository = repo.git().getRepository();
            List<String> warnings = new ArrayList<>();
            List<PackageFile> files = list(repository, commit, warnings);
            List<String> paths = files.stream().map(PackageFile::path).toList();
            // a link to a file of the package is that file; to a folder, outside, nowhere or in a loop: left out
            assertTrue(paths.containsAll(List.of("src/Link.php", "chain", "via-folder")), paths.toString());
            assertFalse(paths.contains("folder") || paths.contains("loop") || paths.contains("escape") || paths.contains("absolute"),
                    paths.toString());
            assertEquals(3, warnings.size(), warnings.toString());
            Path zip = tmp.resolve("links.zip");
            write(repository, files, null, zip);
            try (ZipFile zf = ZipFile.builder().setPath(zip).get()) {
                byte[] alpha = zf.getInputStream(zf.getEntry("src/Alpha.php")).readAllBytes();
                for (String link : List.of("src/Link.php", "chain", "via-folder")) {
                    assertFalse(zf.getEntry(link).isUnixSymlink(), link);
                    assertArrayEquals(alpha, zf.getInputStream(zf.getEntry(link)).readAllBytes(), link);
                }
            }
        }
    }
}
