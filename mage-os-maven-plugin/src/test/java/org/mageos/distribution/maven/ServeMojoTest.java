package org.mageos.distribution.maven;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.maven.plugin.testing.MojoRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.index.RepositoryFixture;
import org.mageos.distribution.core.index.RepositoryIndex;
import org.mageos.distribution.core.serve.ServeStep;
import org.mageos.distribution.core.testing.Processes;

/** mage-os:serve as configured from a POM (port 0), installed from with the real Composer client over HTTP. */
public class ServeMojoTest {

    @Rule
    public MojoRule rule = new MojoRule();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void servesTheBuiltRepositoryUntilStopped() throws Exception {
        Path repo = tmp.newFolder("repository").toPath();
        RepositoryFixture f = new RepositoryFixture(repo);
        f.add("acme/lib", "1.0.0", "", "lib 1.0.0");
        new RepositoryIndex(DistributionLog.SILENT).write(f.manifest, "https://mirror.example.org/sub/", repo);

        File pom = new File("src/test/resources/unit/serve/pom.xml");
        ServeMojo mojo = (ServeMojo) rule.lookupMojo("serve", pom);
        rule.setVariableValueToObject(mojo, "outputDirectory", repo.toFile());
        rule.setVariableValueToObject(mojo, "basedir", pom.getParentFile().getAbsoluteFile());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread goal = new Thread(() -> {
            try {
                mojo.execute();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "serve-goal");
        goal.start();
        ServeStep server = null;
        for (int i = 0; i < 200 && server == null && failure.get() == null; i++) {
            server = mojo.server;
            Thread.sleep(50);
        }
        assertNotNull("the goal did not start a server: " + failure.get(), server);
        assertTrue(server.port() > 0);
        try {
            Path project = Processes.composerProject(tmp.getRoot().toPath().resolve("project"), server.url());
            Processes.composer(project, "config", "secure-http", "false");
            Processes.composer(project, "require", "acme/lib:^1.0", "--no-audit", "--no-progress");
            assertEquals("lib 1.0.0", Files.readString(project.resolve("vendor/acme/lib/src/File.php")));
        } finally {
            goal.interrupt();
            goal.join(10_000);
        }
        assertTrue("the goal returns when stopped", !goal.isAlive());
        assertEquals(null, failure.get());
    }
}
