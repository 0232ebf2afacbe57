package org.mageos.distribution.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.packaging.PackagedVersion;
import org.mageos.distribution.core.index.RepositoryVerifier.Check;
import org.mageos.distribution.core.index.RepositoryVerifier.Report;

/** Each kind of fault the verify goal must report, made by damaging a repository that verifies clean. */
class RepositoryVerifierTest {

    @TempDir
    Path tmp;

    private static final String URL = "https://mirror.example.org/";

    private RepositoryFixture fixture;

    private RepositoryFixture build() throws Exception {
        fixture = new RepositoryFixture(tmp.resolve("repo"));
        fixture.add("acme/lib", "1.0.0", ", \"require\": {\"php\": \">=8.1\"}", "lib 1.0.0");
        fixture.add("acme/lib", "1.1.0", ", \"require\": {\"php\": \">=8.1\"}", "lib 1.1.0");
        fixture.add("acme/module", "2.0.0", ", \"require\": {\"acme/lib\": \"^1.1\", \"psr/log\": \"^3\"}", "module");
        fixture.add("acme/meta", "2.0.0", ", \"type\": \"metapackage\", \"require\": {\"acme/module\": \"2.0.0\", \"acme/lib\": \"1.1.0\"}", null);
        return fixture;
    }

    private Report index() {
        new RepositoryIndex(DistributionLog.SILENT).write(fixture.manifest, URL, fixture.dir);
        return new RepositoryVerifier(fixture.dir, URL, null).verify();
    }

    private static void assertOnly(Report report, Check check, String... expected) {
        for (Check c : Check.values()) {
            assertEquals(c == check ? List.of(expected) : List.of(), report.problems.get(c), c.name() + "\n" + report.table());
        }
    }

    @Test
    void aSoundRepositoryVerifiesClean() throws Exception {
        build();
        Report report = index();
        assertTrue(report.ok(), report.table());
        assertEquals(4, report.versions);
        assertEquals(3, report.checked.get(Check.DIST).intValue());
        assertEquals(3, report.checked.get(Check.ZIP_COMPOSER_JSON).intValue());
        // module -> lib, meta -> module and lib; psr/log and php are not packages of the repository
        assertEquals(3, report.checked.get(Check.REQUIREMENTS).intValue());
        long bytes = 0;
        for (PackagedVersion v : fixture.manifest.versions) {
            bytes += v.distPath == null ? 0 : Files.size(fixture.dir.resolve(v.distPath));
        }
        assertEquals(bytes, report.distBytes);
        assertTrue(report.table().contains("dist present, sha1 as in metadata"), report.table());
    }

    @Test
    void aMissingDistIsReported() throws Exception {
        build();
        new RepositoryIndex(DistributionLog.SILENT).write(fixture.manifest, URL, fixture.dir);
        Files.delete(fixture.dir.resolve("dist/acme/lib/lib-1.0.0.zip"));
        assertOnly(new RepositoryVerifier(fixture.dir, URL, null).verify(), Check.DIST,
                "acme/lib 1.0.0: dist missing: https://mirror.example.org/dist/acme/lib/lib-1.0.0.zip");
    }

    @Test
    void aDistWithOtherBytesIsReported() throws Exception {
        build();
        new RepositoryIndex(DistributionLog.SILENT).write(fixture.manifest, URL, fixture.dir);
        Path zip = fixture.dir.resolve("dist/acme/lib/lib-1.1.0.zip");
        Files.copy(fixture.dir.resolve("dist/acme/lib/lib-1.0.0.zip"), zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String expectedSha = fixture.manifest.versions.get(1).sha1;
        String actual = RepositoryFixture.sha1(zip);
        Report report = new RepositoryVerifier(fixture.dir, URL, null).verify();
        assertEquals(List.of("acme/lib 1.1.0: sha1 of https://mirror.example.org/dist/acme/lib/lib-1.1.0.zip is " + actual
                + ", the metadata says " + expectedSha), report.problems.get(Check.DIST));
        // that zip's composer.json is lib 1.0.0's
        assertEquals(List.of("acme/lib 1.1.0: composer.json in the zip has version 1.0.0"), report.problems.get(Check.ZIP_COMPOSER_JSON));
    }

    @Test
    void aZipWhoseComposerJsonDisagreesWithTheMetadataIsReported() throws Exception {
        build();
        // the metadata gains a requirement and another name's package that the zip does not have
        fixture.manifest.versions.get(2).composerJson.with("require").put("acme/extra", "^1.0");
        fixture.add("acme/extra", "1.0.0", "", "extra");
        assertOnly(index(), Check.ZIP_COMPOSER_JSON, "acme/module 2.0.0: composer.json in the zip has require "
                + "{\"acme/lib\":\"^1.1\",\"psr/log\":\"^3\"} where the metadata has {\"acme/lib\":\"^1.1\",\"psr/log\":\"^3\",\"acme/extra\":\"^1.0\"}");
    }

    @Test
    void aFirstPartyRequirementNoVersionSatisfiesIsReported() throws Exception {
        build();
        // the nightly that shipped a metapackage requiring a version of a package it did not build
        fixture.add("acme/meta", "2.0.1", ", \"type\": \"metapackage\", \"require\": {\"acme/module\": \"2.0.1\", \"acme/lib\": \"~1.0\"}", null);
        assertOnly(index(), Check.REQUIREMENTS,
                "acme/meta 2.0.1 requires acme/module 2.0.1, which no version in the repository satisfies");
    }

    @Test
    void aKnownUpstreamProblemIsReportedWithItsReasonAndOthersStillFail() throws Exception {
        build();
        fixture.add("acme/meta", "2.0.1", ", \"type\": \"metapackage\", \"require\": {\"acme/module\": \"2.0.1\"}", null);
        fixture.add("acme/meta", "2.0.2", ", \"type\": \"metapackage\", \"require\": {\"acme/module\": \"2.0.2\"}", null);
        new RepositoryIndex(DistributionLog.SILENT).write(fixture.manifest, URL, fixture.dir);
        org.mageos.distribution.core.config.KnownProblem known = new org.mageos.distribution.core.config.KnownProblem();
        known.setPackage("acme/meta");
        known.setVersion("2.0.1");
        known.setReason("upstream released it so");
        org.mageos.distribution.core.config.KnownProblem stale = new org.mageos.distribution.core.config.KnownProblem();
        stale.setPackage("acme/lib");
        stale.setVersion("<1.0");
        stale.setReason("fixed since");
        Report report = new RepositoryVerifier(fixture.dir, URL, null).knownProblems(List.of(known, stale)).verify();
        assertOnly(report, Check.REQUIREMENTS, "acme/meta 2.0.2 requires acme/module 2.0.2, which no version in the repository satisfies");
        assertEquals(List.of("first-party requirements satisfiable: acme/meta 2.0.1 requires acme/module 2.0.1, which no version in the"
                + " repository satisfies (known: upstream released it so)"), report.known);
        assertTrue(report.table().contains("(known: upstream released it so)"), report.table());
        assertEquals(List.of("acme/lib <1.0"), report.unusedKnownProblems());
        known.setReason(" ");
        org.mageos.distribution.core.DistributionException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.mageos.distribution.core.DistributionException.class,
                () -> new RepositoryVerifier(fixture.dir, URL, null).knownProblems(List.of(known)));
        assertTrue(e.getMessage().startsWith("<knownProblems><knownProblem #1 package=acme/meta> needs <package>, <version> and <reason>"),
                e.getMessage());
    }

    @Test
    void aMissingPackageOfAFirstPartyVendorIsReportedWhenAsked() throws Exception {
        build();
        fixture.add("acme/meta", "2.0.1", ", \"type\": \"metapackage\", \"require\": {\"acme/framework-stomp\": \"2.0.1\"}", null);
        new RepositoryIndex(DistributionLog.SILENT).write(fixture.manifest, URL, fixture.dir);
        assertTrue(new RepositoryVerifier(fixture.dir, URL, null).verify().ok(), "by default only the names the repository has count");
        assertOnly(new RepositoryVerifier(fixture.dir, URL, null).firstPartyVendors(List.of("acme")).verify(), Check.REQUIREMENTS,
                "acme/meta 2.0.1 requires acme/framework-stomp 2.0.1, which the repository does not have (vendor acme is first-party)");
    }

    @Test
    void twoVersionsNormalizingAlikeAreReported() throws Exception {
        build();
        new RepositoryIndex(DistributionLog.SILENT).write(fixture.manifest, URL, fixture.dir);
        // a hand-made p2 file (our index keys versions by their normalized form and cannot write this)
        Files.writeString(fixture.dir.resolve("p2/acme/meta.json"), "{\"packages\": {\"acme/meta\": ["
                + "{\"name\": \"acme/meta\", \"version\": \"2.0.0\", \"type\": \"metapackage\"},"
                + "{\"name\": \"acme/meta\", \"version\": \"v2.0\", \"type\": \"metapackage\"}]}}");
        assertOnly(new RepositoryVerifier(fixture.dir, URL, null).verify(), Check.DISTINCT_VERSIONS,
                "acme/meta: 2.0.0 and v2.0 both normalize to 2.0.0.0");
    }

    @Test
    void distsCarriedOverFromThePublishedRepositoryAreReadThere() throws Exception {
        build();
        new RepositoryIndex(DistributionLog.SILENT).write(fixture.manifest, URL, fixture.dir);
        RepositoryFixture next = new RepositoryFixture(tmp.resolve("next"));
        next.add("acme/lib", "1.2.0", "", "lib 1.2.0");
        IndexOptions options = IndexOptions.at(URL);
        options.publishedRepositoryUrl = fixture.dir.toString();
        new RepositoryIndex(DistributionLog.SILENT).write(next.manifest, options, next.dir);
        Report report = new RepositoryVerifier(next.dir, URL, fixture.dir.toString()).verify();
        assertTrue(report.ok(), report.table());
        assertEquals(4, report.checked.get(Check.DIST).intValue());
        Report without = new RepositoryVerifier(next.dir, URL, null).verify();
        assertEquals(3, without.problems.get(Check.DIST).size(), without.table());
    }
}
