package org.mageos.distribution.core.published;

import org.mageos.distribution.core.DistributionException;

/**
 * Opens a published repository ({@code <publishedRepositoryUrl>}) that is neither a folder nor served over http(s):
 * {@code s3://bucket/prefix} or {@code sftp://host/path}, read through the client, the settings and the settings.xml
 * credentials the deploy writes it with (a private bucket behind a CDN is read as deploy writes it). The deploy's
 * code opens them ({@code publish.DeployStep#publishedRepositories}); the mojos hand it to the steps that read the
 * published repository (fetch, package, index, verify).
 */
@FunctionalInterface
public interface RemoteRepositories {

    /** None: a published repository is a folder, a {@code file:} or an {@code http(s):} URL. */
    RemoteRepositories NONE = url -> {
        throw new DistributionException("<publishedRepositoryUrl>" + RepositoryReader.withoutUserInfo(url)
                + "</publishedRepositoryUrl>: unsupported scheme here; use a folder, file:, http: or https:");
    };

    /**
     * The files below {@code url}, closed when the step is done with them; a {@link DistributionException} naming
     * {@code <publishedRepositoryUrl>} and the URL (without credentials) when it cannot be opened.
     */
    RepositoryReader.FileSource open(String url);
}
