package org.mageos.distribution.core.index;

import org.mageos.distribution.core.published.RemoteRepositories;
import org.mageos.distribution.core.published.RepositoryReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.codec.digest.DigestUtils;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.config.KnownProblem;
import org.mageos.distribution.core.version.Constraint;
import org.mageos.distribution.core.version.InvalidVersionException;
import org.mageos.distribution.core.version.VersionParser;

/**
 * Reads a built repository back as a client would and checks what clients rely on: every dist is there with its
 * sha1, the composer.json inside each zip says what the metadata says, every requirement on a package of the
 * repository can be met by a version in it, and no two versions of a package normalize alike.
 */
public final class RepositoryVerifier {

    /** The checks, in the order the summary lists them. */
    public enum Check {
        DIST("dist present, sha1 as in metadata"),
        ZIP_COMPOSER_JSON("composer.json in zip matches metadata"),
        REQUIREMENTS("first-party requirements satisfiable"),
        DISTINCT_VERSIONS("versions normalize distinctly");

        public final String label;

        Check(String label) {
            this.label = label;
        }
    }

    /** What a verification found. */
    public static final class Report {
        public int packages;
        public int versions;
        public long distBytes;
        /** Dists not in the repository folder (versions kept as the published repository serves them). */
        public int notLocal;
        /** Those of them downloaded and checked: all, or the sample. */
        public final List<String> sampled = new ArrayList<>();
        /** The sample's seed, or null when every dist was checked. */
        public String seed;
        public final Map<Check, Integer> checked = new LinkedHashMap<>();
        public final Map<Check, List<String>> problems = new LinkedHashMap<>();

        Report() {
            for (Check c : Check.values()) {
                checked.put(c, 0);
                problems.put(c, new ArrayList<>());
            }
        }

        void checked(Check check) {
            checked.merge(check, 1, Integer::sum);
        }

        /** Problems declared known ({@code <knownProblems>}), with their reasons: reported, not failed. */
        public final List<String> known = new ArrayList<>();
        private List<KnownProblem> declared = List.of();
        private final List<Constraint> declaredVersions = new ArrayList<>();
        private final java.util.Set<KnownProblem> used = new java.util.HashSet<>();

        void problem(Check check, String message) {
            // every message starts with "vendor/name version"
            String[] words = message.split("[ :]", 3);
            for (int i = 0; words.length >= 2 && i < declared.size(); i++) {
                KnownProblem k = declared.get(i);
                if (k.getPackage().equals(words[0]) && matches(declaredVersions.get(i), words[1])) {
                    known.add(check.label + ": " + message + " (known: " + k.getReason().trim() + ")");
                    used.add(k);
                    return;
                }
            }
            problems.get(check).add(message);
        }

        private static boolean matches(Constraint constraint, String version) {
            try {
                return constraint.matches(VersionParser.normalize(version));
            } catch (InvalidVersionException e) {
                return false;
            }
        }

        /** Declared known problems that no longer occur: the declaration can go. */
        public List<String> unusedKnownProblems() {
            List<String> unused = new ArrayList<>();
            declared.stream().filter(k -> !used.contains(k)).forEach(k -> unused.add(k.getPackage() + " " + k.getVersion()));
            return unused;
        }

        public boolean ok() {
            return problems.values().stream().allMatch(List::isEmpty);
        }

        public List<String> allProblems() {
            List<String> all = new ArrayList<>();
            problems.forEach((check, list) -> all.addAll(list));
            return all;
        }

        /** A fixed-width table: one row per check, then the problems. */
        public String table() {
            StringBuilder b = new StringBuilder();
            b.append(String.format("%-40s %8s %8s%n", "check", "checked", "failed"));
            for (Check c : Check.values()) {
                b.append(String.format("%-40s %8d %8d%n", c.label, checked.get(c), problems.get(c).size()));
            }
            b.append(String.format("%d packages, %d versions, %d bytes of dists%n", packages, versions, distBytes));
            if (seed != null) {
                b.append(String.format("%d dists kept as published elsewhere, %d of them downloaded and checked (sample, seed '%s')%s%n",
                        notLocal, sampled.size(), seed, sampled.isEmpty() ? "" : ": " + String.join(", ", sampled)));
            }
            problems.forEach((check, list) -> list.forEach(p -> b.append("  ").append(check.label).append(": ").append(p).append('\n')));
            known.forEach(k -> b.append("  ").append(k).append('\n'));
            return b.toString();
        }
    }

    private final Path repositoryDir;
    private final String base;
    private final String publishedRepositoryUrl;
    private RemoteRepositories remoteRepositories = RemoteRepositories.NONE;
    /** The published repository while {@link #verify} runs, or null. */
    private RepositoryReader published;
    private final java.util.Set<String> firstPartyVendors = new java.util.TreeSet<>();
    private List<KnownProblem> knownProblems = List.of();
    private int sample = -1;
    private String seed = "";

    /**
     * @param repositoryUrl the URL the metadata was written for: dist URLs under it are read from repositoryDir
     * @param publishedRepositoryUrl where dists not in repositoryDir are read (versions carried over from it), or null
     */
    public RepositoryVerifier(Path repositoryDir, String repositoryUrl, String publishedRepositoryUrl) {
        this.repositoryDir = repositoryDir;
        this.base = repositoryUrl.endsWith("/") ? repositoryUrl : repositoryUrl + "/";
        this.publishedRepositoryUrl = publishedRepositoryUrl;
    }

    /** Opens a published repository on S3 or SFTP (the deploy's client and credentials). */
    public RepositoryVerifier remoteRepositories(RemoteRepositories remote) {
        this.remoteRepositories = remote;
        return this;
    }

    /** Vendors all of whose packages must be in the repository when required (e.g. {@code magento}). */
    public RepositoryVerifier firstPartyVendors(java.util.Collection<String> vendors) {
        vendors.forEach(v -> firstPartyVendors.add(v.trim()));
        return this;
    }

    /** Problems of package versions upstream published that are reported with their reason instead of failing. */
    public RepositoryVerifier knownProblems(List<KnownProblem> known) {
        for (int i = 0; i < known.size(); i++) {
            KnownProblem k = known.get(i);
            String at = "<knownProblems><knownProblem #" + (i + 1) + (k.getPackage() == null ? "" : " package=" + k.getPackage()) + ">";
            if (k.getPackage() == null || k.getPackage().isBlank() || k.getVersion() == null || k.getVersion().isBlank()
                    || k.getReason() == null || k.getReason().isBlank()) {
                throw new org.mageos.distribution.core.DistributionException(at + " needs <package>, <version> and <reason>");
            }
            try {
                VersionParser.parseConstraints(k.getVersion());
            } catch (InvalidVersionException e) {
                throw new org.mageos.distribution.core.DistributionException(at + "<version>" + k.getVersion() + "</version> is not a Composer"
                        + " version or constraint: " + e.getMessage());
            }
        }
        this.knownProblems = List.copyOf(known);
        return this;
    }

    /**
     * Downloads only {@code n} of the dists that are not in the repository folder (versions kept as the published
     * repository serves them, whose sha1 its metadata already records), instead of all of them: those whose
     * {@code sha1(seed + " " + name + " " + version)} sorts first. The same seed picks the same sample; another seed
     * (a build number, a date) another one. Negative: every dist is checked.
     */
    public RepositoryVerifier sample(int n, String sampleSeed) {
        this.sample = n;
        this.seed = sampleSeed == null ? "" : sampleSeed;
        return this;
    }

    public Report verify() {
        published = publishedRepositoryUrl == null ? null : RepositoryReader.published(publishedRepositoryUrl, remoteRepositories);
        try {
            return verifyAll();
        } finally {
            if (published != null) {
                published.close();
            }
        }
    }

    private Report verifyAll() {
        Map<String, List<ObjectNode>> packages = new RepositoryReader(repositoryDir.toString()).read();
        Report report = new Report();
        java.util.Set<ObjectNode> skip = sample < 0 ? java.util.Set.of() : unsampled(packages, report);
        report.declared = knownProblems;
        knownProblems.forEach(k -> report.declaredVersions.add(VersionParser.parseConstraints(k.getVersion())));
        report.packages = packages.size();
        Map<String, List<String>> normalizedByName = new TreeMap<>();
        for (Map.Entry<String, List<ObjectNode>> e : packages.entrySet()) {
            Map<String, String> seen = new LinkedHashMap<>();
            List<String> normalized = new ArrayList<>();
            for (ObjectNode v : e.getValue()) {
                report.versions++;
                report.checked(Check.DISTINCT_VERSIONS);
                String version = v.path("version").asText();
                String n = normalize(version);
                if (n == null) {
                    report.problem(Check.DISTINCT_VERSIONS, e.getKey() + " " + version + ": not a Composer version");
                    continue;
                }
                String other = seen.putIfAbsent(n, version);
                if (other != null) {
                    report.problem(Check.DISTINCT_VERSIONS, e.getKey() + ": " + other + " and " + version + " both normalize to " + n);
                }
                normalized.add(n);
            }
            normalizedByName.put(e.getKey(), normalized);
        }
        for (Map.Entry<String, List<ObjectNode>> e : packages.entrySet()) {
            for (ObjectNode v : e.getValue()) {
                String id = e.getKey() + " " + v.path("version").asText();
                if (!skip.contains(v)) {
                    checkDist(id, e.getKey(), v, report);
                }
                checkRequirements(id, v, normalizedByName, report);
            }
        }
        return report;
    }

    /** The versions whose dist is not in the repository folder and is left out of the sample. */
    private java.util.Set<ObjectNode> unsampled(Map<String, List<ObjectNode>> packages, Report report) {
        report.seed = seed;
        TreeMap<String, ObjectNode> notLocal = new TreeMap<>();
        Map<ObjectNode, String> ids = new java.util.IdentityHashMap<>();
        packages.forEach((name, versions) -> versions.forEach(v -> {
            String url = v.path("dist").path("url").asText("");
            if (url.isEmpty() || url.startsWith(base) && java.nio.file.Files.isRegularFile(repositoryDir.resolve(url.substring(base.length())))) {
                return;
            }
            String id = name + " " + v.path("version").asText();
            notLocal.put(DigestUtils.sha1Hex(seed + " " + id), v);
            ids.put(v, id);
        }));
        report.notLocal = notLocal.size();
        java.util.Set<ObjectNode> skip = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        int i = 0;
        for (ObjectNode v : notLocal.values()) {
            if (i++ < sample) {
                report.sampled.add(ids.get(v));
            } else {
                skip.add(v);
            }
        }
        return skip;
    }

    private void checkDist(String id, String name, ObjectNode v, Report report) {
        JsonNode dist = v.get("dist");
        if (dist == null || dist.isNull()) {
            if (!"metapackage".equals(v.path("type").asText())) {
                report.checked(Check.DIST);
                report.problem(Check.DIST, id + ": no dist in the metadata (type " + v.path("type").asText("library") + ")");
            }
            return;
        }
        report.checked(Check.DIST);
        String url = dist.path("url").asText("");
        ZipRead zip;
        try {
            zip = read(url);
        } catch (IOException | IllegalArgumentException e) {
            report.problem(Check.DIST, id + ": cannot read " + url + ": " + e.getMessage());
            return;
        }
        if (zip == null) {
            report.problem(Check.DIST, id + ": dist missing: " + url);
            return;
        }
        report.distBytes += zip.size;
        String shasum = dist.path("shasum").asText("");
        if (!zip.sha1.equals(shasum)) {
            report.problem(Check.DIST, id + ": sha1 of " + url + " is " + zip.sha1 + ", the metadata says " + (shasum.isEmpty() ? "(none)" : shasum));
        }
        report.checked(Check.ZIP_COMPOSER_JSON);
        if (zip.composerJson == null) {
            report.problem(Check.ZIP_COMPOSER_JSON, id + ": " + url + " has no composer.json at its root");
            return;
        }
        ObjectNode inZip;
        try {
            inZip = Json.parseObject(zip.composerJson);
        } catch (IOException e) {
            report.problem(Check.ZIP_COMPOSER_JSON, id + ": composer.json in " + url + " is not valid JSON: " + e.getMessage());
            return;
        }
        List<String> differences = new ArrayList<>();
        if (!name.equals(inZip.path("name").asText())) {
            differences.add("name " + inZip.path("name").asText("(none)"));
        }
        String zipVersion = inZip.path("version").asText(null);
        if (zipVersion != null && !String.valueOf(normalize(zipVersion)).equals(normalize(v.path("version").asText()))) {
            differences.add("version " + zipVersion);
        }
        for (String key : new String[] {"require", "require-dev", "conflict", "replace", "provide"}) {
            JsonNode a = inZip.path(key);
            JsonNode b = v.path(key);
            boolean aEmpty = a.isMissingNode() || a.isNull() || a.isEmpty();
            boolean bEmpty = b.isMissingNode() || b.isNull() || b.isEmpty();
            if (!(aEmpty && bEmpty) && !a.equals(b)) {
                differences.add(key + " " + (aEmpty ? "{}" : a.toString()) + " where the metadata has " + (bEmpty ? "{}" : b.toString()));
            }
        }
        if (!differences.isEmpty()) {
            report.problem(Check.ZIP_COMPOSER_JSON, id + ": composer.json in the zip has " + String.join("; ", differences));
        }
    }

    private void checkRequirements(String id, ObjectNode v, Map<String, List<String>> normalizedByName, Report report) {
        JsonNode require = v.path("require");
        require.fields().forEachRemaining(r -> {
            List<String> available = normalizedByName.get(r.getKey());
            if (available == null) {
                String vendor = r.getKey().contains("/") ? r.getKey().substring(0, r.getKey().indexOf('/')) : "";
                if (firstPartyVendors.contains(vendor)) {
                    report.checked(Check.REQUIREMENTS);
                    report.problem(Check.REQUIREMENTS, id + " requires " + r.getKey() + " " + r.getValue().asText()
                            + ", which the repository does not have (vendor " + vendor + " is first-party)");
                }
                return; // not a package of this repository
            }
            report.checked(Check.REQUIREMENTS);
            String constraintText = r.getValue().asText();
            Constraint constraint;
            try {
                constraint = "self.version".equals(constraintText.trim())
                        ? VersionParser.parseConstraints(v.path("version").asText())
                        : VersionParser.parseConstraints(constraintText);
            } catch (IllegalArgumentException e) {
                report.problem(Check.REQUIREMENTS, id + " requires " + r.getKey() + " '" + constraintText + "', which is no valid constraint");
                return;
            }
            if (available.stream().noneMatch(constraint::matches)) {
                report.problem(Check.REQUIREMENTS, id + " requires " + r.getKey() + " " + constraintText
                        + ", which no version in the repository satisfies");
            }
        });
    }

    private static String normalize(String version) {
        try {
            return VersionParser.normalize(version);
        } catch (InvalidVersionException e) {
            return null;
        }
    }

    /** A dist's sha1, size and root composer.json, read in one pass; null when it does not exist. */
    private static final class ZipRead {
        String sha1;
        long size;
        byte[] composerJson;
    }

    private ZipRead read(String url) throws IOException {
        InputStream in = null;
        if (url.startsWith(base)) {
            String path = url.substring(base.length());
            in = RepositoryReader.open(repositoryDir.toUri().resolve(path.replace("$", "%24")));
            if (in == null && published != null) {
                in = published.openFile(path);
            }
        } else {
            in = RepositoryReader.open(URI.create(url));
        }
        if (in == null) {
            return null;
        }
        MessageDigest sha1 = DigestUtils.getSha1Digest();
        ZipRead result = new ZipRead();
        CountingDigest counted = new CountingDigest(in, sha1);
        try (counted; ZipInputStream zip = new ZipInputStream(counted)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().equals("composer.json")) {
                    result.composerJson = zip.readAllBytes();
                }
            }
            counted.transferTo(OutputStream.nullOutputStream());
        }
        result.sha1 = HexFormat.of().formatHex(sha1.digest());
        result.size = counted.count;
        return result;
    }

    private static final class CountingDigest extends DigestInputStream {
        long count;

        CountingDigest(InputStream in, MessageDigest digest) {
            super(in, digest);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
