package org.mageos.distribution.core.packaging;

import org.mageos.distribution.core.io.PluginCode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.codec.digest.DigestUtils;
import org.mageos.distribution.core.config.ConfigFingerprint;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.io.AtomicFiles;

/**
 * Remembers what the last package run was made of and what it left, so that a run with nothing new plans nothing,
 * opens no git object and rewrites nothing ({@code target/mage-os/package.stamp}). Its inputs: the plugin's code,
 * the whole distribution configuration and the run's options, the refs of every cached source repository (its
 * {@code packed-refs} and loose refs: a new, moved or deleted tag or branch), every file of the project folder
 * (composer.json replacements, release files, prebuilt zips: path, size, mtime, and the content of small ones),
 * the files a configuration names outside the project folder, and the nightly date. Its outputs: the path, size
 * and mtime of every file of the repository folder, of the published folder and of the build manifest. When one
 * of them differs, the run plans and checks everything again. Paths hold no tab or newline (their lines are
 * compared as text).
 */
public final class PackageStamp {

    static final String FORMAT = "mage-os-package-2";

    /** Project files up to this size are hashed; larger ones (prebuilt zips, git bundles) are known by size and mtime. */
    private static final long HASHED_SIZE = 1 << 20;

    private final Path file;

    public PackageStamp(Path file) {
        this.file = file;
    }

    /** What a package run reads and writes, as lines of text; two runs with equal lines make the same repository. */
    public static final class State {
        private final List<String> lines;

        State(List<String> lines) {
            this.lines = List.copyOf(lines);
        }

        List<String> lines() {
            return lines;
        }
    }

    /**
     * The state of a package run's inputs and outputs now.
     *
     * @param options    the run's own options that change what it makes (timestamp, ...), as text
     * @param gitDirs    the cached repository of each source
     * @param outputs    folders and files the run writes or keeps (the repository, the published folder, the manifest)
     * @param notProject folders of the project that are no input (the build directory, the cache)
     */
    public static State state(Distribution distribution, String options, Collection<Path> gitDirs, Collection<Path> outputs,
            Collection<Path> notProject) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(FORMAT);
        lines.add("code " + PluginCode.version());
        lines.add("options " + options);
        lines.add("nightly-date " + distribution.getNightlyDate());
        lines.add("config " + DigestUtils.sha1Hex(describe(distribution)));
        for (Path gitDir : gitDirs) {
            lines.add("refs " + gitDir + " " + refs(gitDir));
        }
        Path project = distribution.getProjectDir().toAbsolutePath().normalize();
        List<Path> skipped = new ArrayList<>();
        notProject.forEach(p -> skipped.add(p.toAbsolutePath().normalize()));
        outputs.forEach(p -> skipped.add(p.toAbsolutePath().normalize()));
        files(project, skipped, true, lines);
        for (Path named : namedOutsideProject(distribution, project)) {
            files(named, skipped, true, lines);
        }
        for (Path output : outputs) {
            files(output.toAbsolutePath().normalize(), List.of(), false, lines);
        }
        return new State(lines);
    }

    /** Whether the last run recorded exactly this state. */
    public boolean isCurrent(State state) {
        try {
            return Files.isRegularFile(file) && Files.readAllLines(file, StandardCharsets.UTF_8).equals(state.lines());
        } catch (IOException e) {
            return false;
        }
    }

    /** Records the state a run just left. */
    public void record(State state) throws IOException {
        AtomicFiles.writeIfChanged(file, (String.join("\n", state.lines()) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Forgets the last run: the next one plans and checks everything. */
    public void clear() throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public String toString() {
        return file.toString();
    }

    /** A hash of {@code packed-refs} and of every loose ref of a bare repository: any ref change changes it. */
    private static String refs(Path gitDir) throws IOException {
        MessageDigest digest = DigestUtils.getSha1Digest();
        Path packed = gitDir.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            digest.update(Files.readAllBytes(packed));
        }
        Path refs = gitDir.resolve("refs");
        if (Files.isDirectory(refs)) {
            List<Path> loose = new ArrayList<>();
            Files.walkFileTree(refs, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    loose.add(f);
                    return FileVisitResult.CONTINUE;
                }
            });
            loose.sort(Comparator.naturalOrder());
            for (Path f : loose) {
                digest.update(("\n" + gitDir.relativize(f) + "\n").getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(f));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** One line per file under {@code root} (or for {@code root} itself), in path order; folders in {@code skipped} are left out. */
    private static void files(Path root, List<Path> skipped, boolean hashSmall, List<String> lines) throws IOException {
        if (!Files.exists(root)) {
            lines.add("missing " + root);
            return;
        }
        List<String> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return skipped.contains(dir) || dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(root)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (skipped.contains(f)) {
                    return FileVisitResult.CONTINUE;
                }
                // the mtime as a number of nanoseconds: FileTime's ISO text costs a no-op run a few ms per hundred files
                String line = "file " + f + " " + attrs.size() + " " + attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
                if (hashSmall && attrs.isRegularFile() && attrs.size() <= HASHED_SIZE) {
                    line += " " + DigestUtils.sha1Hex(Files.readAllBytes(f));
                }
                found.add(line);
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(Comparator.naturalOrder());
        lines.addAll(found);
    }

    /** Files the configuration names by path that lie outside the project folder, with the folders of per-tag composer.json files. */
    private static List<Path> namedOutsideProject(Distribution distribution, Path project) {
        List<Path> named = new ArrayList<>();
        distribution.getPrebuiltPackages().forEach(p -> named.add(project.resolve(p)));
        distribution.getSources().forEach(s -> s.getPackages().forEach(rule -> {
            if (rule.getComposerJson() != null) {
                // per-tag replacements live in <folder of the file>/<tag>/
                named.add(project.resolve(rule.getComposerJson()).getParent());
            }
        }));
        distribution.getReleases().forEach(r -> r.getFiles().forEach(f -> {
            if (f.getFrom() != null) {
                named.add(project.resolve(f.getFrom()));
            }
        }));
        distribution.getCorrections().forEach(c -> c.getFiles().forEach(f -> {
            if (f.getFrom() != null) {
                named.add(project.resolve(f.getFrom()));
            }
        }));
        distribution.getGeneratedPackages().forEach(g -> {
            if (g.getComposerJson() != null) {
                // per-release templates live in <folder of the file>/<version>/
                named.add(project.resolve(g.getComposerJson()).getParent());
            }
        });
        List<Path> outside = new ArrayList<>();
        for (Path p : named) {
            Path n = p == null ? null : p.toAbsolutePath().normalize();
            if (n != null && !n.startsWith(project) && !outside.contains(n)) {
                outside.add(n);
            }
        }
        outside.sort(Comparator.naturalOrder());
        return outside;
    }

    /** Every field of the configuration (see {@link ConfigFingerprint#describe}). */
    static String describe(Object value) {
        return ConfigFingerprint.describe(value);
    }
}
