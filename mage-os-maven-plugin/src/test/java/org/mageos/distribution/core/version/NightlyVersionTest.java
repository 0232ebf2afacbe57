package org.mageos.distribution.core.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mageos.distribution.core.DistributionException;

class NightlyVersionTest {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 21);

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        // released version, nightly version, Composer's normalized form of the nightly
        "103.0.2,      103.0.2.1-a20261121,      103.0.2.1-alpha20261121",
        "1.2.3,        1.2.3.1-a20261121,        1.2.3.1-alpha20261121",
        "1.2.3.4,      1.2.3.5-a20261121,        1.2.3.5-alpha20261121",
        "1.2.3.9,      1.2.3.10-a20261121,       1.2.3.10-alpha20261121",
        "2.4.7-p1,     2.4.7.1-a20261121+p1,     2.4.7.1-alpha20261121",
        "1.0.0-beta2,  1.0.0.1-a20261121+beta2,  1.0.0.1-alpha20261121",
        "v2.1.0,       v2.1.0.1-a20261121,       2.1.0.1-alpha20261121",
        "1.2,          1.2.0.1-a20261121,        1.2.0.1-alpha20261121",
        "7,            7.0.0.1-a20261121,        7.0.0.1-alpha20261121",
        "NULL,         0.0.1.1-a20261121,        0.0.1.1-alpha20261121",
        "'',           0.0.1.1-a20261121,        0.0.1.1-alpha20261121",
    })
    void nightlyVersions(String released, String nightly, String normalized) {
        String version = NightlyVersion.of(released, DATE);
        assertEquals(nightly, version);
        assertEquals(normalized, VersionParser.normalize(version), "a valid Composer version");
        assertEquals("alpha", VersionParser.parseStability(version));
        if (released != null && !released.isEmpty()) {
            // above the release it comes from, below the next patch release
            String base = VersionParser.normalize(released);
            assertTrue(VersionComparator.ASCENDING.compare(VersionParser.normalize(version), base) > 0, version + " > " + released);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "2.4.7,       2.4.7.1-a20261121,  2.4.8",
        "103.0.2.1,   103.0.2.2-a20261121, 103.0.2.2",
    })
    void belowTheNextRelease(String released, String nightly, String next) {
        assertEquals(nightly, NightlyVersion.of(released, DATE));
        assertTrue(VersionComparator.ASCENDING.compare(VersionParser.normalize(nightly), VersionParser.normalize(next)) < 0);
    }

    @ParameterizedTest
    @CsvSource({"2026-01-05, 1.0.0.1-a20260105", "2027-12-31, 1.0.0.1-a20271231"})
    void theBuildDateMakesTheSuffix(String date, String nightly) {
        assertEquals(nightly, NightlyVersion.of("1.0.0", LocalDate.parse(date)));
    }

    @ParameterizedTest
    @CsvSource({"1.2.3.4.5", "dev-main", "1.0.0-", "abc", "1.0.0+build"})
    void versionsWithoutANightlyForm(String released) {
        DistributionException e = assertThrows(DistributionException.class, () -> NightlyVersion.of(released, DATE));
        assertTrue(e.getMessage().contains("'" + released + "'"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "main,          dev-main",
        "develop,       dev-develop",
        "2.4-develop,   dev-2.4-develop",
        "feature/x,     dev-feature/x",
        "2.4,           2.4.x-dev",
        "2.4.x,         2.4.x-dev",
        "v1.0,          1.0.x-dev",
        "1.x,           1.x-dev",
    })
    void composerBranchVersions(String branch, String version) {
        assertEquals(version, NightlyVersion.branch(branch));
        assertEquals("dev", VersionParser.parseStability(version));
        VersionParser.normalize(version);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        // version, the build date read back from it (NULL: not a nightly version)
        "103.0.2.1-a20261121,     2026-11-21",
        "2.4.7.1-a20261121+p1,    2026-11-21",
        "v2.1.0.1-a20270105,      2027-01-05",
        "1.0.0,                   NULL",
        "1.0.0.1,                 NULL",
        "1.0.0-alpha20261121,     NULL",
        "1.0.0.1-a2026112,        NULL",
        "1.0.0.1-a20261340,       NULL",
        "dev-develop,             NULL",
        "2.4.x-dev,               NULL",
    })
    void buildDateOfANightlyVersion(String version, String date) {
        assertEquals(date == null ? null : LocalDate.parse(date), NightlyVersion.buildDate(version));
    }

    @ParameterizedTest
    @CsvSource({"1.2.3", "2.4.7-p1", "103.0.2.4"})
    void buildDateReadsBackWhatOfWrites(String released) {
        assertEquals(DATE, NightlyVersion.buildDate(NightlyVersion.of(released, DATE)));
    }
}
