package org.mageos.distribution.core.plan;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.version.InvalidVersionException;
import org.mageos.distribution.core.version.VersionParser;

/** Versions normalized so far in one plan: most are met at many tags and in many releases. */
final class VersionCache {

    private final Map<String, String> normalizedVersions = new HashMap<>();

    String normalize(Supplier<String> where, String version) {
        try {
            return normalized(version);
        } catch (InvalidVersionException e) {
            throw new DistributionException(where.get() + ": \"version\": \"" + version + "\" is not a Composer version: " + e.getMessage());
        }
    }

    String normalized(String version) {
        String normalized = normalizedVersions.get(version);
        if (normalized == null) {
            normalized = VersionParser.normalize(version);
            normalizedVersions.put(version, normalized);
        }
        return normalized;
    }
}
