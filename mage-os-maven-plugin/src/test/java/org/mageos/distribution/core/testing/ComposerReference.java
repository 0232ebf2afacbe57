package org.mageos.distribution.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.packaging.PackageManifest;
import org.mageos.distribution.core.packaging.PackageBuilder;
import org.mageos.distribution.core.composer.ComposerJsonReader;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.GitCache;
import org.mageos.distribution.core.plan.PackagePlan;
import org.mageos.distribution.core.plan.PackagePlanner;
import org.eclipse.jgit.lib.Repository;

/**
 * The real Composer as the reference for one git repository: the versions its VcsRepository reads (with the
 * ValidatingArrayLoader, as a package repository such as Packagist loads them), and the zip {@code composer archive}
 * makes of a checkout; beside them what the plugin makes of the same repository. Used by the test suite and by the
 * Composer comparison benchmark. Needs {@code php}, {@code composer} and {@code git} on the PATH.
 */
public final class ComposerReference {

    private ComposerReference() {
    }

    /** A version as Composer's VcsRepository reads it. */
    public record VcsVersion(String name, String version, String versionNormalized, String reference) {
        @Override
        public String toString() {
            return name + " " + version + " (" + versionNormalized + ")";
        }
    }

    private static final String AUTOLOAD = """
            $bin = realpath($argv[1]);
            $autoload = null;
            if (strpos(file_get_contents($bin), '__HALT_COMPILER') !== false) {
                $autoload = 'phar://' . $bin . '/vendor/autoload.php';
            } else {
                foreach ([dirname($bin) . '/../share/php/Composer/autoload.php', dirname($bin) . '/../vendor/autoload.php'] as $candidate) {
                    if (is_file($candidate)) { $autoload = $candidate; break; }
                }
            }
            require $autoload;
            """;

    /** ArchiveCommand's work for the root package: its archiver with composer.json's archive.exclude. */
    private static final String ARCHIVE_SCRIPT = "<?php\n" + AUTOLOAD + """
            $json = Composer\\Json\\JsonFile::parseJson(file_get_contents($argv[2] . '/composer.json'));
            @mkdir(dirname($argv[3]), 0777, true);
            (new Composer\\Package\\Archiver\\ZipArchiver())->archive($argv[2], $argv[3], 'zip', $json['archive']['exclude'] ?? []);
            """;

    private static String composerBinary(Path work) throws IOException, InterruptedException {
        return Processes.run(work, Map.of(), List.of("sh", "-c", "command -v composer")).trim();
    }

    private static final String VCS_SCRIPT = "<?php\n" + AUTOLOAD + """
            $io = new Composer\\IO\\NullIO();
            $config = new Composer\\Config(false);
            $config->merge(['config' => ['home' => $argv[3], 'cache-dir' => $argv[3] . '/cache', 'cache-vcs-dir' => $argv[3] . '/vcs']]);
            $repo = new Composer\\Repository\\VcsRepository(['url' => $argv[2], 'type' => 'git'], $io, $config,
                new Composer\\Util\\HttpDownloader($io, $config));
            $repo->setLoader(new Composer\\Package\\Loader\\ValidatingArrayLoader(new Composer\\Package\\Loader\\ArrayLoader()));
            $out = [];
            foreach ($repo->getPackages() as $p) {
                if ($p instanceof Composer\\Package\\AliasPackage) { continue; }
                $out[] = ['name' => $p->getPrettyName(), 'version' => $p->getPrettyVersion(), 'version_normalized' => $p->getVersion(),
                    'reference' => $p->getSourceReference()];
            }
            echo json_encode($out);
            """;

    /** Every version (tags and branches) Composer's VcsRepository reads from the git repository at {@code gitDir}. */
    public static List<VcsVersion> vcsVersions(Path gitDir, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path script = work.resolve("vcs-versions.php");
        Files.writeString(script, VCS_SCRIPT);
        String composer = composerBinary(work);
        String out = Processes.run(work, gitEnvironment(work), List.of("php", "-d", "memory_limit=-1", script.toString(), composer,
                gitDir.toString(), work.resolve("composer-home").toString()));
        JsonNode list = Json.MAPPER.readTree(out.substring(out.indexOf('[')));
        List<VcsVersion> versions = new ArrayList<>();
        for (JsonNode v : list) {
            versions.add(new VcsVersion(v.get("name").asText(), v.get("version").asText(), v.get("version_normalized").asText(),
                    v.get("reference").asText()));
        }
        return versions;
    }

    /** git with no configuration of the machine or the user: a checkout as on a fresh Linux box. */
    public static Map<String, String> gitEnvironment(Path work) {
        return Map.of("GIT_CONFIG_NOSYSTEM", "1", "GIT_CONFIG_GLOBAL", "/dev/null", "HOME", work.toString(), "COMPOSER_HOME",
                work.resolve("composer-home").toString(), "COMPOSER_CACHE_DIR", work.resolve("composer-home/cache").toString(),
                "COMPOSER_ALLOW_SUPERUSER", "1", "COMPOSER_NO_INTERACTION", "1");
    }

    /**
     * The files of the zip {@code composer archive} makes of a checkout of {@code commit}: a clone of {@code gitDir} in
     * {@code work/checkout} (made once, then checked out again per commit).
     */
    public static Map<String, byte[]> composerArchive(Path gitDir, String commit, Path work) throws IOException, InterruptedException {
        Path checkout = work.resolve("checkout");
        Files.createDirectories(work);
        Map<String, String> env = gitEnvironment(work);
        if (!Files.isDirectory(checkout.resolve(".git"))) {
            Processes.run(work, env, List.of("git", "clone", "-q", "--shared", "--no-checkout", gitDir.toString(), checkout.toString()));
        }
        Processes.run(checkout, env, List.of("git", "checkout", "-q", "-f", "--detach", commit));
        Processes.run(checkout, env, List.of("git", "clean", "-q", "-f", "-f", "-d", "-x"));
        Path out = work.resolve("archive");
        Files.deleteIfExists(out.resolve("package.zip"));
        try {
            Processes.run(checkout, env, List.of("composer", "archive", "--format=zip", "--dir=" + out, "--file=package", "--no-interaction",
                    "--no-ansi"));
        } catch (AssertionError e) {
            if (!String.valueOf(e.getMessage()).contains("does not match the expected JSON schema")) {
                throw e;
            }
            // composer archive refuses a root composer.json its schema rejects (VcsRepository reads such tags all the same):
            // its archiver, called as the command calls it for the root package
            Path script = work.resolve("archive.php");
            Files.writeString(script, ARCHIVE_SCRIPT);
            Processes.run(checkout, env, List.of("php", script.toString(), composerBinary(work), checkout.toString(),
                    out.resolve("package.zip").toString()));
        }
        return zipFiles(out.resolve("package.zip"));
    }

    /** Path to bytes of every file entry (folders left out) of a zip. */
    public static Map<String, byte[]> zipFiles(Path zip) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                if (!e.isDirectory()) {
                    files.put(e.getName(), z.getInputStream(e).readAllBytes());
                }
            }
        }
        return files;
    }

    /**
     * How our zip differs from Composer's: paths only one has, files whose bytes differ. composer.json counts as
     * equal when it is Composer's but for the {@code version}, which the plugin writes as the version it publishes.
     */
    public static List<String> differences(Map<String, byte[]> ours, Map<String, byte[]> composers) {
        List<String> diffs = new ArrayList<>();
        TreeSet<String> all = new TreeSet<>(ours.keySet());
        all.addAll(composers.keySet());
        for (String path : all) {
            byte[] a = ours.get(path);
            byte[] b = composers.get(path);
            if (a == null) {
                diffs.add("only in Composer's zip: " + path);
            } else if (b == null) {
                diffs.add("only in ours: " + path);
            } else if (!Arrays.equals(a, b) && !(path.equals("composer.json") && sameButVersion(a, b))) {
                diffs.add("content differs: " + path + " (" + a.length + " bytes, Composer's " + b.length + ")");
            }
        }
        return diffs;
    }

    private static boolean sameButVersion(byte[] ours, byte[] composers) {
        ComposerJsonReader.Result a = ComposerJsonReader.read(ours);
        ComposerJsonReader.Result b = ComposerJsonReader.read(composers);
        if (a.json == null || b.json == null) {
            return false;
        }
        a.json.remove("version");
        b.json.remove("version");
        return a.json.equals(b.json);
    }

    /**
     * What the plugin makes of a git repository as a single-package source: fetched into {@code work/cache} (as a
     * build does), planned and built into {@code work/repository}.
     */
    public static PackageManifest pluginBuild(String name, Path gitDir, Path work, DistributionLog log) {
        return pluginBuild(new Source(name, gitDir.toString()), new Distribution(), work, log);
    }

    /** As {@link #pluginBuild(String, Path, Path, DistributionLog)}, with a source and distribution of the caller's (branches, ...). */
    public static PackageManifest pluginBuild(Source source, Distribution distribution, Path work, DistributionLog log) {
        String name = source.getName();
        GitCache cache = new GitCache(work.resolve("cache"), log);
        cache.fetch(source, false);
        try (Repository repository = cache.open(source)) {
            PackagePlan plan = new PackagePlanner(log).plan(List.of(new PackagePlanner.SourceRepository(source, repository)),
                    distribution.setSources(List.of(source)));
            return new PackageBuilder(log, null, 2).build(plan, Map.of(name, repository), work.resolve("repository"));
        }
    }
}
