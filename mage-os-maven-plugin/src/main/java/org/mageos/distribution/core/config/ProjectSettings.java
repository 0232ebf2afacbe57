package org.mageos.distribution.core.config;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.io.RepositoryLocation;

/**
 * What every goal reads from the POM, as the user wrote it, and the folders of the build: turned here, once and
 * with errors that name the POM element, into the validated {@link Distribution}, the effective URLs and the
 * timestamp the steps use. The Maven adapter only copies its parameters into it.
 *
 * @param projectDir      the project folder: relative paths of the configuration are relative to it
 * @param cacheDirectory  the shared cache (fetched repositories, plans, zips)
 * @param outputDirectory the finished Composer repository
 * @param workDirectory   intermediate files: the package manifest handed from package to index, the stamps
 * @param strict          {@code <strict>}: the warnings naming a source, tag or path (a version Composer would skip, upstream's
 *                        quirks) fail the build
 * @param selectedSources {@code -Dmage-os.sources}: the subset of the sources to build ({@link SourceSelection}); null for all
 * @param securityAdvisories {@code <securityAdvisories>}: a git repository or a folder of advisories in the
 *                        FriendsOfPHP/security-advisories format; null for none
 */
public record ProjectSettings(Path projectDir, Path cacheDirectory, Path outputDirectory, Path workDirectory, String repositoryUrl,
        String publishedRepositoryUrl, List<Source> sources, List<Release> releases, List<GeneratedPackage> generatedPackages,
        List<VendorRename> vendorRenames, List<String> prebuiltPackages, String nightlyDate, String nightlyVersions,
        List<ThirdPartyNamespace> namespaces, String outputTimestamp, boolean offline, List<Correction> corrections, boolean pinRequirements,
        boolean strict, String selectedSources, String securityAdvisories) {

    public Path cache() {
        return cacheDirectory.toAbsolutePath().normalize();
    }

    public Path repositoryDir() {
        return outputDirectory.toAbsolutePath().normalize();
    }

    /** The package step's manifest, which the index, verify and dependencies steps read. */
    public Path manifestFile() {
        return workDirectory.resolve("build-manifest.json");
    }

    /** {@code <publishedRepositoryUrl>} with a relative folder resolved against the project folder; null when unset. */
    public String publishedRepository() {
        if (publishedRepositoryUrl == null || publishedRepositoryUrl.trim().isEmpty()) {
            return null;
        }
        String url = publishedRepositoryUrl.trim();
        if (RepositoryLocation.isAbsoluteUrl(url)) {
            return url;
        }
        return RepositoryLocation.of(url, projectDir, "<publishedRepositoryUrl>").pathOrUrl();
    }

    /** The configured sources, validated, with relative local paths (and {@code file:} URLs) resolved against the project folder. */
    public List<Source> resolvedSources() {
        List<Source> merged = DistributionConfig.withOverrides(sources);
        DistributionConfig.validate(merged);
        List<Source> resolved = new ArrayList<>();
        for (Source s : SourceSelection.apply(new Distribution(merged), selectedSources).getSources()) {
            resolved.add(s.withUrl(RepositoryLocation.of(s.getUrl(), projectDir, "<url>").pathOrUrl()));
        }
        return resolved;
    }

    /** The name under which {@code <securityAdvisories>} is fetched into the cache, when it is a git repository. */
    public static final String SECURITY_ADVISORIES = "security-advisories";

    /**
     * {@code <securityAdvisories>} when it names a git repository (a remote URL, a bundle, a bare repository): a source
     * whose default branch is fetched into the cache and read there; null when unset or a folder of YAML files.
     */
    public Source securityAdvisoriesSource() {
        RepositoryLocation location = securityAdvisoriesLocation();
        if (location == null || isPlainFolder(location)) {
            return null;
        }
        Source source = new Source(SECURITY_ADVISORIES, location.pathOrUrl());
        source.setExcludeTags(List.of("*")); // the default branch only (a source without <packages> fetches it)
        return source;
    }

    /** {@code <securityAdvisories>} when it names a folder of YAML files (not a bare git repository); null otherwise. */
    public Path securityAdvisoriesFolder() {
        RepositoryLocation location = securityAdvisoriesLocation();
        return location != null && isPlainFolder(location) ? location.path() : null;
    }

    private RepositoryLocation securityAdvisoriesLocation() {
        if (securityAdvisories == null || securityAdvisories.trim().isEmpty()) {
            return null;
        }
        RepositoryLocation location = RepositoryLocation.of(securityAdvisories, projectDir, "<securityAdvisories>");
        if (location.isLocal() && !java.nio.file.Files.exists(location.path())) {
            throw new DistributionException("<securityAdvisories>" + securityAdvisories.trim() + "</securityAdvisories>: " + location.path()
                    + " does not exist (a git repository URL, or a folder of <vendor>/<package>/<id>.yaml files)");
        }
        return location;
    }

    private static boolean isPlainFolder(RepositoryLocation location) {
        Path path = location.path();
        return path != null && java.nio.file.Files.isDirectory(path)
                && !(java.nio.file.Files.isRegularFile(path.resolve("HEAD")) && java.nio.file.Files.isDirectory(path.resolve("objects")));
    }

    /** Everything the distribution declares, validated, with project files resolved against the project folder. */
    public Distribution distribution() {
        Distribution d = new Distribution(DistributionConfig.withOverrides(sources)).setReleases(releases).setGeneratedPackages(generatedPackages)
                .setVendorRenames(vendorRenames).setPrebuiltPackages(prebuiltPackages).setProjectDir(projectDir)
                .setNightlyDate(nightlyBuildDate()).setNightlyVersions(nightlyVersions).setNamespaces(namespaces)
                .setCorrections(corrections).setPinRequirements(pinRequirements).setStrict(strict);
        DistributionConfig.validate(d);
        d = SourceSelection.apply(d, selectedSources);
        return d.setSources(resolvedSources()).setRepositoryUrl(effectiveRepositoryUrl());
    }

    /** {@code <nightlyDate>} parsed; null when unset (today's UTC date). */
    public LocalDate nightlyBuildDate() {
        if (nightlyDate == null || nightlyDate.trim().isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(nightlyDate.trim());
        } catch (DateTimeParseException e) {
            throw new DistributionException("<nightlyDate>" + nightlyDate + "</nightlyDate> (mage-os.nightly.date) is not a date such as 2026-11-21");
        }
    }

    /** Where clients read the repository: {@code <repositoryUrl>}, absolute and ending with '/'; default the output folder's file:// URL. */
    public String effectiveRepositoryUrl() {
        if (repositoryUrl == null || repositoryUrl.trim().isEmpty()) {
            // toUri() ends with '/' only when the folder exists already
            String url = repositoryDir().toUri().toString();
            return url.endsWith("/") ? url : url + "/";
        }
        String url = repositoryUrl.trim();
        if (!RepositoryLocation.isAbsoluteUrl(url)) {
            throw new DistributionException("<repositoryUrl>" + url + "</repositoryUrl> must be an absolute URL (https://..., file:///...)");
        }
        // ${project.baseUri} gives file:/path/, which Composer cannot read: it needs file:///path/
        url = url.replaceFirst("^file:/(?!/)", "file:///");
        return url.endsWith("/") ? url : url + "/";
    }

    /** {@code project.build.outputTimestamp} as ISO-8601 or seconds since the epoch; null when unset. */
    public Instant timestamp() {
        if (outputTimestamp == null || outputTimestamp.trim().length() < 2) {
            return null;
        }
        String value = outputTimestamp.trim();
        try {
            if (value.matches("\\d+")) {
                return Instant.ofEpochSecond(Long.parseLong(value));
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new DistributionException("project.build.outputTimestamp '" + value + "' is neither ISO-8601 nor seconds since the epoch");
        }
    }
}
