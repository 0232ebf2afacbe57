package org.mageos.distribution.maven;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.testing.MojoRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.index.RepositoryFixture;
import org.mageos.distribution.core.index.RepositoryIndex;
import org.mageos.distribution.core.published.RepositoryReader;

/** index and verify as a release-2 POM configures them: merged with published/, a removal, a republish. */
public class ReleaseMojosTest {

    @Rule
    public MojoRule rule = new MojoRule();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Mojo mojo(String goal, File basedir) throws Exception {
        File pom = new File("src/test/resources/unit/" + (goal.equals("verify") ? "release-2-verify" : "release-2") + "/pom.xml");
        Mojo mojo = rule.lookupMojo(goal, pom);
        rule.setVariableValueToObject(mojo, "outputDirectory", new File(basedir, "target/repository"));
        rule.setVariableValueToObject(mojo, "workDirectory", new File(basedir, "target/mage-os"));
        rule.setVariableValueToObject(mojo, "basedir", basedir);
        return mojo;
    }

    @Test
    public void release2IsIndexedWithWhatIsPublishedAsThePomSays() throws Exception {
        File basedir = tmp.getRoot();
        RepositoryFixture release1 = new RepositoryFixture(basedir.toPath().resolve("published"));
        release1.add("acme/lib", "1.0.0", "", "lib 1.0.0");
        release1.add("acme/old", "1.0.0", "", "old");
        new RepositoryIndex(DistributionLog.SILENT).write(release1.manifest, "https://mirror.example.org/", release1.dir);

        Path out = basedir.toPath().resolve("target/repository");
        RepositoryFixture release2 = new RepositoryFixture(out);
        release2.add("acme/lib", "1.0.0", "", "lib 1.0.0, other bytes, republished on purpose");
        release2.add("acme/lib", "1.1.0", "", "lib 1.1.0");
        release2.add("acme/meta", "1.1.0", ", \"type\": \"metapackage\", \"require\": {\"acme/lib\": \"1.1.0\"}", null);
        release2.manifest.write(basedir.toPath().resolve("target/mage-os/build-manifest.json"));

        mojo("index", basedir).execute();
        List<String> versions = new ArrayList<>();
        new RepositoryReader(out.toString()).read().forEach((name, list) -> list.forEach(v -> versions.add(name + ":" + v.get("version").asText())));
        assertEquals(List.of("acme/lib:1.1.0", "acme/lib:1.0.0", "acme/meta:1.1.0"), versions);
        JsonNode packagesJson = Json.MAPPER.readTree(out.resolve("packages.json").toFile());
        assertEquals("https://stats.example.org/downloads", packagesJson.get("notify-batch").asText());
        assertFalse(packagesJson.has("includes"));

        // verify reads the 1.0.0 dist in target/repository (republished) and passes
        mojo("verify", basedir).execute();

        // a first-party requirement the repository lacks fails verify
        release2.add("acme/meta", "1.2.0", ", \"type\": \"metapackage\", \"require\": {\"acme/missing\": \"1.2.0\"}", null);
        release2.manifest.write(basedir.toPath().resolve("target/mage-os/build-manifest.json"));
        mojo("index", basedir).execute();
        try {
            mojo("verify", basedir).execute();
            fail("verify passed");
        } catch (MojoFailureException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(
                    "acme/meta 1.2.0 requires acme/missing 1.2.0, which the repository does not have (vendor acme is first-party)"));
        }
        assertTrue(Files.isRegularFile(out.resolve("index.html")));
    }
}
