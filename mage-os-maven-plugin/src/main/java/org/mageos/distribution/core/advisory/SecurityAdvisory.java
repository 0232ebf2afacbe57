package org.mageos.distribution.core.advisory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.version.Constraint;
import org.mageos.distribution.core.version.VersionParser;

/**
 * One security advisory of one package, as Packagist turns a FriendsOfPHP/security-advisories file into one
 * ({@code RemoteSecurityAdvisory::createFromFriendsOfPhp}) and as Composer 2 reads it from a repository's metadata
 * ({@code PartialSecurityAdvisory::create}: a full advisory needs {@code title}, {@code sources} and {@code reportedAt}).
 *
 * @param advisoryId         the file's path in the advisory source without {@code .yaml}: stable from build to build
 * @param packageName        the package it is about ({@code reference: composer://vendor/name})
 * @param remoteId           the file's path in the advisory source
 * @param title              what the vulnerability is
 * @param link               where it is described
 * @param cve                its CVE id, or null (Packagist keeps only {@code CVE-YYYY-NNNN...})
 * @param affectedVersions   a Composer constraint: each branch's versions joined by {@code ,}, the branches by {@code |}
 * @param reportedAt         {@code YYYY-MM-DD hh:mm:ss}, UTC: the date in the file's name, else the earliest branch time,
 *                           else January 1st of the CVE's year
 * @param composerRepository the {@code composer-repository} of the file: where the package is published; null for none
 * @param source             the name of the advisory source, in {@code sources}
 */
public record SecurityAdvisory(String advisoryId, String packageName, String remoteId, String title, String link, String cve,
        String affectedVersions, String reportedAt, String composerRepository, String source) {

    /** The affected versions as a constraint. */
    public Constraint constraint() {
        return VersionParser.parseConstraints(affectedVersions);
    }

    /**
     * The advisory as a repository's metadata gives it ({@code security-advisories} of {@code p2/<name>.json}), the
     * fields of Packagist's advisory API, for {@code packageName} and its {@code affectedVersions}.
     */
    public ObjectNode toMetadata(String forPackage, String affected) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("advisoryId", advisoryId);
        node.put("packageName", forPackage);
        node.put("remoteId", remoteId);
        node.put("title", title);
        node.put("link", link);
        node.put("cve", cve);
        node.put("affectedVersions", affected);
        node.put("source", source);
        node.put("reportedAt", reportedAt);
        node.put("composerRepository", composerRepository);
        ObjectNode s = node.putArray("sources").addObject();
        s.put("name", source);
        s.put("remoteId", remoteId);
        return node;
    }
}
