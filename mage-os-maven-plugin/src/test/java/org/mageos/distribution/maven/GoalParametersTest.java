package org.mageos.distribution.maven;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Each goal lists, in {@code mage-os:help} and on the site, the parameters its step reads and no other (a purge has
 * no retention rules, a serve no sources), each with a description: the plugin descriptor the build generates.
 */
public class GoalParametersTest {

    /** How an S3 bucket or SFTP server is reached: the deploy target, and a published repository there. */
    private static final Set<String> ACCESS = Set.of("deployServerId", "s3Endpoint", "s3Region", "s3PathStyle", "sftpKnownHosts",
            "sftpHostKeyFingerprint");
    private static final Set<String> TARGET = union(ACCESS, Set.of(), "deployUrl", "deployThreads", "deployRetries");
    private static final Set<String> RETENTION = Set.of("removeVersions", "republishVersions", "nightlyRetentionDays", "abandonedPackages",
            "securityAdvisories", "cacheDirectory");

    private static Set<String> union(Set<String> a, Set<String> b, String... more) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        all.addAll(Set.of(more));
        return all;
    }

    @Test
    public void everyGoalHasExactlyTheParametersItUsesEachDescribed() throws Exception {
        Map<String, Set<String>> expected = new TreeMap<>(Map.of(
                "fetch", union(ACCESS, Set.of(), "sources", "selectedSources", "cacheDirectory", "securityAdvisories", "retries", "timeout", "sshDirectory", "fetchThreads",
                        "shallow", "repositoryUrl", "publishedRepositoryUrl", "releases", "generatedPackages", "vendorRenames", "corrections",
                        "pinRequirements", "strict", "prebuiltPackages", "nightlyDate", "nightlyVersions", "namespaces", "outputDirectory"),
                "package", union(ACCESS, Set.of(), "sources", "selectedSources", "cacheDirectory", "repositoryUrl", "publishedRepositoryUrl", "releases",
                        "generatedPackages", "vendorRenames", "corrections", "pinRequirements", "strict", "prebuiltPackages", "nightlyDate",
                        "nightlyVersions", "namespaces", "outputDirectory", "outputTimestamp", "threads", "force", "deployUrl"),
                "index", union(RETENTION, ACCESS, "repositoryUrl", "publishedRepositoryUrl", "outputDirectory", "nightlyDate", "includes",
                        "notifyBatch"),
                "verify", union(ACCESS, Set.of(), "repositoryUrl", "publishedRepositoryUrl", "outputDirectory", "firstPartyVendors", "knownProblems", "sample",
                        "sampleSeed"),
                "dependencies", Set.of("outputDirectory", "namespaces", "threads", "failOnMissingRequirements", "classMaps", "analyzeRelease",
                        "magentoNamespaces"),
                "deploy", union(TARGET, RETENTION, "outputDirectory", "nightlyDate", "dryRun", "allowDistOverwrite", "deployLockWait"),
                "purge", union(TARGET, Set.of(), "dryRun"),
                "serve", Set.of("repositoryUrl", "outputDirectory", "port")));
        Map<String, Set<String>> actual = new TreeMap<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/maven/org.mage-os/mage-os-maven-plugin/plugin-help.xml")) {
            assertNotNull("the plugin descriptor (mvn process-classes generates it)", in);
            NodeList mojos = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getElementsByTagName("mojo");
            for (int i = 0; i < mojos.getLength(); i++) {
                Element mojo = (Element) mojos.item(i);
                String goal = mojo.getElementsByTagName("goal").item(0).getTextContent();
                Set<String> names = new TreeSet<>();
                NodeList parameters = mojo.getElementsByTagName("parameter");
                for (int j = 0; j < parameters.getLength(); j++) {
                    Element p = (Element) parameters.item(j);
                    String name = p.getElementsByTagName("name").item(0).getTextContent();
                    NodeList description = p.getElementsByTagName("description");
                    assertTrue(goal + " " + name + " has a description",
                            description.getLength() > 0 && !description.item(0).getTextContent().trim().isEmpty());
                    names.add(name);
                }
                if (!goal.equals("help")) {
                    // every goal but serve (which is never bound) has its own skip; mage-os.skip skips them all
                    assertTrue(goal, names.remove("skipAll"));
                    assertEquals(goal + ": skip", !goal.equals("serve"), names.remove("skip"));
                    actual.put(goal, names);
                }
            }
        }
        Map<String, Set<String>> sorted = new TreeMap<>();
        expected.forEach((goal, names) -> sorted.put(goal, new TreeSet<>(names)));
        assertEquals(sorted, actual);
    }
}
