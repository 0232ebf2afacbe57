package org.mageos.distribution.core.composer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;
import org.mageos.distribution.core.version.InvalidVersionException;
import org.mageos.distribution.core.version.VersionParser;

/**
 * The version Composer's VcsRepository reads from a tag: the tag's own (less {@code release-}), or composer.json's
 * {@code version} when it has one, which must then normalize to the tag's; a {@code -dev} suffix is dropped from
 * both, so that a tag naming a dev version never matches. A tag that fails is skipped, with the reason.
 */
public final class VcsTag {

    private static final Pattern DEV_SUFFIX = Pattern.compile("[.-]?dev$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DEV_NORMALIZED = Pattern.compile("(^dev-|[.-]?dev$)", Pattern.CASE_INSENSITIVE);

    /** The version and its normal form, or why the tag is skipped. */
    public static final class Version {
        public final String version;
        public final String normalized;
        public final String skipReason;

        private Version(String version, String normalized, String skipReason) {
            this.version = version;
            this.normalized = normalized;
            this.skipReason = skipReason;
        }
    }

    private VcsTag() {
    }

    /**
     * @param tag            the tag's name
     * @param composerVersion composer.json's {@code version}, or null (missing or null)
     */
    public static Version of(String tag, JsonNode composerVersion) {
        String tagVersion = VersionParser.tagVersion(tag);
        String parsedTag;
        try {
            parsedTag = VersionParser.normalize(tagVersion);
        } catch (InvalidVersionException e) {
            return new Version(null, null, "invalid tag name");
        }
        String version;
        String normalized;
        if (composerVersion != null && !composerVersion.isNull()) {
            if (!composerVersion.isTextual()) {
                return new Version(null, null, "\"version\" in composer.json is not a string");
            }
            version = composerVersion.textValue();
            try {
                normalized = VersionParser.normalize(version);
            } catch (InvalidVersionException e) {
                return new Version(null, null, "\"version\": \"" + version + "\" in composer.json is not a version: " + e.getMessage());
            }
        } else {
            version = tagVersion;
            normalized = parsedTag;
        }
        version = DEV_SUFFIX.matcher(version).replaceAll("");
        normalized = DEV_NORMALIZED.matcher(normalized).replaceAll("");
        if (!normalized.equals(parsedTag)) {
            if (DEV_NORMALIZED.matcher(parsedTag).find()) {
                return new Version(null, null, "invalid tag name, tags can not use dev prefixes or suffixes");
            }
            return new Version(null, null, "tag (" + parsedTag + ") does not match version (" + normalized + ") in composer.json");
        }
        return new Version(version, normalized, null);
    }
}
