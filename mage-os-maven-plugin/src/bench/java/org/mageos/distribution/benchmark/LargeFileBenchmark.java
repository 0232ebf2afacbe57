/*
 * Memory check: a package holding a 1 GiB file builds in a JVM limited to 256 MiB of heap. Not a test (it takes
 * about a minute of CPU): a main class that exits non-zero when the build fails or the zip is wrong.
 *
 *   mvn -q -f mage-os-maven-plugin/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *       -Dexec.mainClass=org.mageos.distribution.benchmark.LargeFileBenchmark
 */
package org.mageos.distribution.benchmark;

import java.io.File;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.mageos.distribution.core.archive.DistArchiveWriter;
import org.mageos.distribution.core.testing.TestRepository;

/**
 * A package holding a 1 GiB file builds in a JVM limited to 256 MiB of heap: file contents stream from git
 * into the zip. The file is mostly zeros (with a marker every MiB) so that git and the zip compress it fast.
 */
public final class LargeFileBenchmark {

    private static final long SIZE = 1L << 30;

    private LargeFileBenchmark() {
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }

    /** The class path this program runs with (exec:java runs it in a class loader of its own). */
    private static String classpath() {
        List<String> entries = new ArrayList<>();
        ClassLoader loader = LargeFileBenchmark.class.getClassLoader();
        if (loader instanceof URLClassLoader) {
            for (URL url : ((URLClassLoader) loader).getURLs()) {
                entries.add(new File(url.getPath()).getPath());
            }
        }
        return entries.isEmpty() ? System.getProperty("java.class.path") : String.join(File.pathSeparator, entries);
    }

    /** {@link #SIZE} bytes: zeros, each MiB starting with its number. */
    private static InputStream content() {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= SIZE) {
                    return -1;
                }
                int n = (int) Math.min(len, SIZE - position);
                for (int i = 0; i < n; i++) {
                    long at = position + i;
                    int inMib = (int) (at & 0xFFFFF);
                    b[off + i] = inMib < 8 ? (byte) ((at >>> 20) >>> (8 * inMib)) : 0;
                }
                position += n;
                return n;
            }
        };
    }

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("mage-os-large-file");
        try {
            run(tmp);
        } finally {
            TestRepository.delete(tmp);
        }
    }

    private static void run(Path tmp) throws Exception {
        long start = System.nanoTime();
        Path gitDir = tmp.resolve("repo.git");
        ObjectId big;
        try (Repository repository = Git.init().setBare(true).setGitDir(gitDir.toFile()).call().getRepository();
                ObjectInserter inserter = repository.newObjectInserter()) {
            big = inserter.insert(Constants.OBJ_BLOB, SIZE, content());
            ObjectId json = inserter.insert(Constants.OBJ_BLOB, "{\"name\": \"acme/large\", \"version\": \"1.0.0\"}\n"
                    .getBytes(StandardCharsets.UTF_8));
            TreeFormatter tree = new TreeFormatter();
            tree.append("big.bin", FileMode.REGULAR_FILE, big);
            tree.append("composer.json", FileMode.REGULAR_FILE, json);
            ObjectId treeId = inserter.insert(tree);
            CommitBuilder commit = new CommitBuilder();
            PersonIdent who = new PersonIdent("Test", "test@example.org");
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setTreeId(treeId);
            commit.setMessage("large");
            ObjectId commitId = inserter.insert(commit);
            inserter.flush();
            org.eclipse.jgit.lib.RefUpdate tag = repository.updateRef("refs/tags/1.0.0");
            tag.setNewObjectId(commitId);
            tag.update();
        }

        long generated = System.nanoTime();
        Path out = tmp.resolve("out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = classpath();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", classpath, BuildLargePackageMain.class.getName(), gitDir.toString(),
                out.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        check(p.waitFor() == 0, "the build with -Xmx256m failed:\n" + output);
        long built = System.nanoTime();
        String[] lines = output.split("\n");
        long peakMib = Long.parseLong(lines[lines.length - 1].trim());
        check(peakMib < 256, "peak heap " + peakMib + " MiB");

        Path zipPath = out.resolve("dist/acme/large/large-1.0.0.zip");
        check(DistArchiveWriter.sha1(zipPath).equals(lines[lines.length - 2].trim()), "sha1 of the zip");
        try (ZipFile zip = new ZipFile(zipPath.toFile())) {
            ZipEntry entry = zip.getEntry("big.bin");
            check(entry.getSize() == SIZE, "size of big.bin in the zip: " + entry.getSize());
            try (InputStream in = zip.getInputStream(entry); InputStream expected = content()) {
                byte[] a = new byte[1 << 16];
                byte[] e = new byte[1 << 16];
                long total = 0;
                int n;
                while ((n = in.readNBytes(a, 0, a.length)) > 0) {
                    check(expected.readNBytes(e, 0, n) == n, "big.bin is longer than written");
                    if (!Arrays.equals(a, 0, n, e, 0, n)) {
                        throw new AssertionError("big.bin differs near byte " + total);
                    }
                    total += n;
                }
                check(total == SIZE, "big.bin holds " + total + " bytes");
            }
        }
        System.out.printf("1 GiB blob written to git in %d ms; package built by a JVM with -Xmx256m in %d ms (JVM start included), "
                + "peak heap %d MiB; zip %d bytes, content checked%n", (generated - start) / 1_000_000, (built - generated) / 1_000_000,
                peakMib, Files.size(zipPath));
    }

}
