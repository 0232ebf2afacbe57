package org.mageos.distribution.core.version;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mageos.distribution.core.DistributionException;

/**
 * The versions a nightly build gives to branch heads. Pure functions: the build date is an argument, so a build
 * is reproducible.
 *
 * <p>The default scheme is the one Mage-OS nightlies use: the package's version at the latest tag, with one
 * added to a 4th version part ({@code 1.2.3 -> 1.2.3.1}, {@code 1.2.3.4 -> 1.2.3.5}), a pre-release suffix moved
 * behind {@code +} and {@code -a<YYYYMMDD>} of the build date appended: {@code 103.0.2 -> 103.0.2.1-a20261121},
 * {@code 2.4.7-p1 -> 2.4.7.1-a20261121+p1}. Composer reads it as an alpha of the next 4th-part version, so it sorts
 * above the release it comes from and below the next one. A package never released starts at
 * {@code 0.0.1.1-a<YYYYMMDD>}.
 *
 * <p>The alternative scheme is Composer's own for branches ({@code main -> dev-main}, {@code 2.4 -> 2.4.x-dev}).
 */
public final class NightlyVersion {

    private static final Pattern RELEASE = Pattern.compile("(?i)(v?)((?:\\d+\\.){0,3}\\d+)(?:-([a-z]\\w*))?");
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern NIGHTLY = Pattern.compile("(?i)v?\\d+\\.\\d+\\.\\d+\\.\\d+-a(\\d{8})(?:\\+\\w+)?");

    private NightlyVersion() {
    }

    /**
     * The nightly version of a package whose latest released version is {@code released} (null or empty when it
     * was never released).
     */
    public static String of(String released, LocalDate buildDate) {
        String base = released == null || released.trim().isEmpty() ? "0.0.1" : released.trim();
        Matcher m = RELEASE.matcher(base);
        if (!m.matches()) {
            throw new DistributionException("Cannot derive a nightly version from version '" + released
                    + "': expected up to four numbers and an optional suffix such as -p1");
        }
        String[] parts = m.group(2).split("\\.");
        StringBuilder version = new StringBuilder(m.group(1));
        for (int i = 0; i < 3; i++) {
            version.append(i < parts.length ? Long.toString(Long.parseLong(parts[i])) : "0").append('.');
        }
        version.append(parts.length == 4 ? Long.parseLong(parts[3]) + 1 : 1);
        version.append("-a").append(DATE.format(buildDate));
        if (m.group(3) != null) {
            version.append('+').append(m.group(3));
        }
        String result = version.toString();
        VersionParser.normalize(result); // a version Composer accepts, or a bug here
        return result;
    }

    /** Composer's version of a branch: {@code dev-main}, {@code dev-feature/x}, {@code 2.4.x-dev}. */
    public static String branch(String branchName) {
        String normalized = VersionParser.normalizeBranch(branchName);
        if (normalized.startsWith("dev-")) {
            return normalized;
        }
        return normalized.replaceFirst("(\\.9999999)+-dev$", ".x-dev");
    }

    /** The build date of a version {@link #of} made ({@code 103.0.2.1-a20261121} -> 2026-11-21); null for any other version. */
    public static LocalDate buildDate(String version) {
        Matcher m = NIGHTLY.matcher(version == null ? "" : version.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            return LocalDate.parse(m.group(1), DATE);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
