package org.mageos.distribution.core.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.testing.RecordingLog;

class DeployerDirectoryTest {

    @TempDir
    Path tmp;

    private static void write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void copiesOnlyWhatChangedAndRefusesToReplaceAPublishedDist() throws Exception {
        Path built = tmp.resolve("built");
        Path target = tmp.resolve("published");
        write(built.resolve("packages.json"), "{\"v\": 1}");
        write(built.resolve("p2/acme/lib.json"), "{\"packages\": {}}");
        write(built.resolve("dist/acme/lib/lib-1.0.0.zip"), "zip bytes");
        Deployer deployer = new Deployer(DistributionLog.SILENT, new DeployOptions());

        assertEquals(3, deployer.deploy(built, new DirectoryTarget(target)).uploaded.size());
        Deployer.Result again = deployer.deploy(built, new DirectoryTarget(target));
        assertEquals(0, again.uploaded.size());
        assertEquals(3, again.skipped.size());

        write(built.resolve("packages.json"), "{\"v\": 2}");
        write(built.resolve("dist/acme/lib/lib-1.0.0.zip"), "other zip bytes");
        DistributionException e = assertThrows(DistributionException.class, () -> deployer.deploy(built, new DirectoryTarget(target)));
        assertTrue(e.getMessage().contains("already published with other bytes: dist/acme/lib/lib-1.0.0.zip"), e.getMessage());
        assertArrayEquals("{\"v\": 1}".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target.resolve("packages.json")),
                "nothing may be published when a dist is refused");
        assertArrayEquals("zip bytes".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target.resolve("dist/acme/lib/lib-1.0.0.zip")));
    }

    @Test
    void progressLinesCountTheFilesAndBytesUploadedOfTheTotal() throws Exception {
        Path built = BuiltRepository.write(tmp.resolve("built"), 3, 0, 2, "one");
        DirectoryTarget target = new DirectoryTarget(tmp.resolve("published"));
        RecordingLog log = new RecordingLog();
        Deployer.Result result = new Deployer(log, new DeployOptions()).progressEvery(Duration.ZERO).deploy(built, target);
        int files = result.uploaded.size();
        String prefix = "INFO Uploading to " + target.describe() + ": ";
        List<String> progress = log.lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .collect(Collectors.toList());
        assertEquals(files, progress.size(), log.text());
        Set<Integer> counts = new TreeSet<>();
        for (String line : progress) {
            Matcher m = Pattern.compile("(\\d+) of (\\d+) files, (.+) of (.+)").matcher(line);
            assertTrue(m.matches(), line);
            assertEquals(files, Integer.parseInt(m.group(2)), line);
            counts.add(Integer.parseInt(m.group(1)));
            if (m.group(1).equals(m.group(2))) {
                assertEquals(m.group(4), m.group(3), "every byte uploaded at the last file: " + line);
            }
        }
        assertEquals(files, counts.size(), "each file counted once: " + progress);
    }

    @Test
    void nothingToDeployWithoutPackagesJson() {
        DistributionException e = assertThrows(DistributionException.class,
                () -> new Deployer(DistributionLog.SILENT, new DeployOptions()).deploy(tmp.resolve("empty"), new DirectoryTarget(tmp.resolve("target"))));
        assertTrue(e.getMessage().startsWith("Nothing to deploy"), e.getMessage());
    }
}
