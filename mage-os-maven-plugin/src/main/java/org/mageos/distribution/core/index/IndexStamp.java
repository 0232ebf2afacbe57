package org.mageos.distribution.core.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.apache.commons.codec.digest.DigestUtils;
import org.mageos.distribution.core.io.PluginCode;
import org.mageos.distribution.core.io.AtomicFiles;

/**
 * Remembers what the last index run was made of (the build manifest, the index options and the plugin's own
 * code) and the size and mtime of every metadata file it left; when all are the same, the index is up-to-date
 * and nothing is rendered again. Not used when a published repository is merged: that one may change anytime.
 */
public final class IndexStamp {

    static final String FORMAT = "mage-os-index-3";

    private final Path file;

    public IndexStamp(Path file) {
        this.file = file;
    }

    /** The key of an index run: hex sha1 over the manifest's length and CRC-32, the options and this plugin's code. */
    public static String key(byte[] manifest, IndexOptions options) {
        StringBuilder sb = new StringBuilder(FORMAT).append('\n').append(PluginCode.version()).append('\n').append(options.repositoryUrl).append('\n')
                .append(options.includes).append('\n').append(options.notifyBatch).append('\n').append(options.publishedRepositoryUrl)
                .append('\n').append(options.removeVersions).append('\n').append(options.republishVersions).append('\n')
                .append(options.nightlyDate).append('\n').append(options.nightlyRetentionDays).append('\n').append(options.abandoned).append('\n')
                .append(options.advisories == null ? null : options.advisories.name() + " " + options.advisories.fingerprint()).append('\n');
        // the manifest (about 1.5 MB for 2,000 versions) goes in as its length and CRC-32: zlib's native CRC is
        // as fast in a JVM that just started as later, where SHA-1 runs interpreted for its first megabytes
        // (80 ms of a no-op `mvn package`); a changed manifest keeps its CRC with a chance of 1 in 2^32
        CRC32 crc = new CRC32();
        crc.update(manifest);
        sb.append("manifest ").append(manifest.length).append(' ').append(crc.getValue()).append('\n');
        return DigestUtils.sha1Hex(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the last run had this key and every metadata file it left is still as it left it. */
    public boolean isCurrent(String key, Path repositoryDir) {
        try {
            if (!Files.isRegularFile(file)) {
                return false;
            }
            List<String> recorded = Files.readAllLines(file, StandardCharsets.UTF_8);
            return !recorded.isEmpty() && recorded.get(0).equals(key) && recorded.subList(1, recorded.size()).equals(describe(repositoryDir));
        } catch (IOException e) {
            return false;
        }
    }

    /** Records the key and the metadata files of a run that just ended. */
    public void record(String key, Path repositoryDir) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(key);
        lines.addAll(describe(repositoryDir));
        AtomicFiles.writeIfChanged(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return file.toString();
    }

    /** Forgets the last run: the next one renders everything. */
    public void clear() throws IOException {
        Files.deleteIfExists(file);
    }

    /** size, mtime and path of every file the index writes. */
    private static List<String> describe(Path repositoryDir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String name : List.of("packages.json", "index.html")) {
            files.add(repositoryDir.resolve(name));
        }
        for (String dir : List.of("p2", "include")) {
            if (Files.isDirectory(repositoryDir.resolve(dir))) {
                try (Stream<Path> walk = Files.walk(repositoryDir.resolve(dir))) {
                    files.addAll(walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList()));
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                lines.add("missing " + repositoryDir.relativize(f));
                continue;
            }
            lines.add(Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis() + " " + repositoryDir.relativize(f));
        }
        return lines;
    }
}
