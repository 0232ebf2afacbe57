package org.mageos.distribution.core.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;

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
    void nothingToDeployWithoutPackagesJson() {
        DistributionException e = assertThrows(DistributionException.class,
                () -> new Deployer(DistributionLog.SILENT, new DeployOptions()).deploy(tmp.resolve("empty"), new DirectoryTarget(tmp.resolve("target"))));
        assertTrue(e.getMessage().startsWith("Nothing to deploy"), e.getMessage());
    }
}
