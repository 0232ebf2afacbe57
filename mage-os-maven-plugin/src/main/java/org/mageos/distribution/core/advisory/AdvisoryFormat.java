package org.mageos.distribution.core.advisory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.version.VersionParser;

/**
 * The FriendsOfPHP/security-advisories format: one YAML file per advisory, {@code <vendor>/<package>/<id>.yaml}, with
 * {@code title}, {@code link}, {@code cve}, {@code branches: {name: {time, versions: ['>=x', '<y']}}},
 * {@code reference: composer://vendor/package} and optionally {@code composer-repository}. Read the way Packagist reads
 * it ({@code RemoteSecurityAdvisory::createFromFriendsOfPhp}), except that an advisory without any date is refused
 * instead of being dated on the day it is read (the same input gives the same bytes).
 */
public final class AdvisoryFormat {

    /** Packagist's default {@code composer-repository}. */
    static final String PACKAGIST = "https://packagist.org";

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern FILE_DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern FILE_CVE_YEAR = Pattern.compile("CVE-(2\\d{3})-\\d");
    private static final Pattern VALID_CVE = Pattern.compile("^CVE-[0-9]{4}-[0-9]{4,}$");
    /** The times found in the format: {@code 2024-06-11 14:03:00}, {@code 2024-06-1 4:03:00 +0200}, {@code 2024-06-11}. */
    private static final Pattern TIME = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?\\s*(Z|[+-]\\d{2}:?\\d{2})?");
    static final DateTimeFormatter REPORTED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private AdvisoryFormat() {
    }

    /**
     * One advisory file.
     *
     * @param path   its path in the advisory source ({@code magento/product-community-edition/CVE-2024-34102.yaml})
     * @param source the advisory source's name, for {@code sources} and for messages
     */
    public static SecurityAdvisory parse(String path, byte[] yaml, String source) {
        String where = "<securityAdvisories> " + source + ": " + path;
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new DistributionException(where + " is not valid YAML: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new DistributionException(where + " is not a YAML mapping of title, link, branches and reference");
        }
        String title = text(root, "title", where);
        String link = text(root, "link", where);
        String reference = text(root, "reference", where);
        if (!reference.startsWith("composer://") || !reference.substring("composer://".length()).matches("[^/\\s]+/[^/\\s]+")) {
            throw new DistributionException(where + ": reference '" + reference + "' is not composer://vendor/package");
        }
        String packageName = reference.substring("composer://".length()).toLowerCase(Locale.ROOT);
        JsonNode branches = root.get("branches");
        if (branches == null || !branches.isObject() || branches.isEmpty()) {
            throw new DistributionException(where + ": branches must map branch names to {time, versions}");
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        Instant date = null;
        Instant fallback = null;
        Matcher m = FILE_DATE.matcher(name);
        if (m.find()) {
            date = LocalDate.parse(m.group(1)).atStartOfDay(ZoneOffset.UTC).toInstant();
        } else if ((m = FILE_CVE_YEAR.matcher(name)).find()) {
            fallback = LocalDate.of(Integer.parseInt(m.group(1)), 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        List<String> affected = new ArrayList<>();
        Instant lowest = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = branches.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> branch = it.next();
            JsonNode versions = branch.getValue().path("versions");
            if (!versions.isArray() || versions.isEmpty()) {
                throw new DistributionException(where + ": branch '" + branch.getKey() + "' has no versions list");
            }
            List<String> parts = new ArrayList<>();
            versions.forEach(v -> parts.add(v.asText()));
            affected.add(String.join(",", parts));
            Instant time = time(branch.getValue().get("time"));
            if (time != null && (lowest == null || time.isBefore(lowest))) {
                lowest = time;
            }
        }
        String affectedVersions = String.join("|", affected);
        try {
            VersionParser.parseConstraints(affectedVersions);
        } catch (IllegalArgumentException e) {
            throw new DistributionException(where + ": the versions '" + affectedVersions + "' are not a Composer constraint: " + e.getMessage());
        }
        if (date == null) {
            date = lowest != null ? lowest : fallback;
        }
        if (date == null) {
            throw new DistributionException(where + " has no date: neither in its file name (YYYY-MM-DD or CVE-YYYY-...) nor a branch time");
        }
        String cve = root.path("cve").isTextual() && VALID_CVE.matcher(root.path("cve").asText()).matches() ? root.path("cve").asText() : null;
        JsonNode repository = root.get("composer-repository");
        String composerRepository = repository == null || repository.isNull() ? PACKAGIST
                : repository.isBoolean() && !repository.asBoolean() ? null : repository.asText();
        String id = path.endsWith(".yaml") ? path.substring(0, path.length() - ".yaml".length()) : path;
        return new SecurityAdvisory(id, packageName, path, title, link, cve, affectedVersions,
                REPORTED_AT.format(LocalDateTime.ofInstant(date, ZoneOffset.UTC)), composerRepository, source);
    }

    /** A branch's time: seconds since the epoch, or a date and time (UTC unless it says otherwise); null when absent or unreadable, as Packagist ignores it. */
    static Instant time(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.asLong() > 0 ? Instant.ofEpochSecond(node.asLong()) : null;
        }
        Matcher m = TIME.matcher(node.asText().trim());
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4)), m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            ZoneOffset offset = m.group(7) == null || m.group(7).equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(m.group(7).length() == 5
                    ? m.group(7).substring(0, 3) + ":" + m.group(7).substring(3) : m.group(7));
            return local.toInstant(offset);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static String text(JsonNode root, String field, String where) {
        JsonNode node = root.get(field);
        if (node == null || !node.isValueNode() || node.isNull() || node.asText().trim().isEmpty()) {
            throw new DistributionException(where + " has no " + field);
        }
        return node.asText().trim();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
