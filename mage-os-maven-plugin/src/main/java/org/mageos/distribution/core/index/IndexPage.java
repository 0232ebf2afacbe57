package org.mageos.distribution.core.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.mageos.distribution.core.version.VersionParser;

/**
 * {@code index.html}: one static page for people, with every package (an anchor each, {@code #vendor/name}), its
 * newest stable version, license, homepage, abandoned flag, security advisories and the packages that require it;
 * every version with its date, zip (a download link), size and requirements; a search box and the composer commands
 * that use the repository. No external resources; the same input gives the same bytes.
 */
final class IndexPage {

    private IndexPage() {
    }

    /**
     * @param packages   every package's versions, newest first
     * @param sizeOf     the dist size in bytes of a version, or null when unknown
     * @param advisories the security advisories of each package, or null when the repository has none
     */
    static byte[] render(String base, Map<String, List<ObjectNode>> packages, Function<ObjectNode, Long> sizeOf, Map<String, ArrayNode> advisories) {
        Map<String, Set<String>> requiredBy = requiredBy(packages);
        StringBuilder rows = new StringBuilder();
        int versions = 0;
        String project = null;
        for (Map.Entry<String, List<ObjectNode>> e : packages.entrySet()) {
            String name = e.getKey();
            List<ObjectNode> list = e.getValue();
            versions += list.size();
            ObjectNode latest = list.get(0);
            ObjectNode stable = list.stream().filter(v -> "stable".equals(VersionParser.parseStability(v.path("version").asText()))).findFirst()
                    .orElse(null);
            ObjectNode shown = stable != null ? stable : latest;
            if (project == null && "project".equals(shown.path("type").asText())) {
                project = name;
            }
            String description = shown.path("description").asText("");
            JsonNode abandoned = shown.get("abandoned");
            boolean isAbandoned = abandoned != null && (abandoned.isTextual() ? !abandoned.asText().isEmpty() : abandoned.asBoolean());
            StringBuilder search = new StringBuilder(name).append(' ').append(description);
            shown.path("keywords").forEach(k -> search.append(' ').append(k.asText()));
            if (isAbandoned) {
                search.append(" abandoned");
            }
            rows.append("<tr class=\"package").append(isAbandoned ? " abandoned" : "").append("\" id=\"").append(escape(name))
                    .append("\" data-search=\"").append(escape(search.toString().toLowerCase(Locale.ROOT))).append("\">\n<td><a class=\"name\" href=\"#")
                    .append(escape(name)).append("\"><code>").append(escape(name)).append("</code></a>");
            if (isAbandoned) {
                rows.append(" <strong class=\"flag\">abandoned</strong>");
                if (abandoned.isTextual()) {
                    rows.append(": use ").append(packageLink(abandoned.asText(), packages)).append(" instead");
                }
            }
            rows.append("<br><small>").append(escape(description)).append("</small>");
            List<String> facts = new ArrayList<>();
            String license = license(shown.get("license"));
            if (!license.isEmpty()) {
                facts.add("license " + escape(license));
            }
            String homepage = shown.path("homepage").asText("");
            if (homepage.startsWith("https://") || homepage.startsWith("http://")) {
                facts.add("<a class=\"homepage\" rel=\"nofollow noopener\" href=\"" + escape(homepage) + "\">" + escape(homepage) + "</a>");
            }
            if (!facts.isEmpty()) {
                rows.append("<br><small class=\"facts\">").append(String.join(" &middot; ", facts)).append("</small>");
            }
            ArrayNode advised = advisories == null ? null : advisories.get(name);
            if (advised != null && !advised.isEmpty()) {
                rows.append("\n<details class=\"advisories\"><summary>").append(advised.size()).append(advised.size() == 1 ? " security advisory" : " security advisories")
                        .append("</summary><ul>\n");
                for (JsonNode a : advised) {
                    String link = a.path("link").asText("");
                    String title = escape(a.path("title").asText());
                    rows.append("<li>").append(link.startsWith("https://") || link.startsWith("http://")
                            ? "<a rel=\"nofollow noopener\" href=\"" + escape(link) + "\">" + title + "</a>" : title);
                    if (!a.path("cve").isNull() && !a.path("cve").asText("").isEmpty()) {
                        rows.append(" (").append(escape(a.path("cve").asText())).append(')');
                    }
                    rows.append(": <code>").append(escape(a.path("affectedVersions").asText())).append("</code></li>\n");
                }
                rows.append("</ul></details>");
            }
            Set<String> by = requiredBy.getOrDefault(name, Set.of());
            if (!by.isEmpty()) {
                rows.append("\n<details class=\"required-by\"><summary>required by ").append(by.size()).append(by.size() == 1 ? " package" : " packages")
                        .append("</summary>");
                List<String> links = new ArrayList<>();
                by.forEach(q -> links.add(packageLink(q, packages)));
                rows.append(String.join(", ", links)).append("</details>");
            }
            rows.append("</td>\n<td>").append(escape(shown.path("type").asText("library"))).append("</td>\n<td class=\"stable\">")
                    .append(stable == null ? "<small>none</small>" : escape(stable.path("version").asText()))
                    .append("</td>\n<td><details><summary>").append(list.size()).append(list.size() == 1 ? " version" : " versions")
                    .append("</summary>\n<table class=\"versions\">\n");
            for (ObjectNode v : list) {
                Long size = sizeOf.apply(v);
                String version = escape(v.path("version").asText());
                String url = v.path("dist").path("url").asText("");
                rows.append("<tr><td>").append(url.isEmpty() ? version : "<a href=\"" + escape(url) + "\">" + version + "</a>").append("</td><td>")
                        .append(escape(v.path("time").asText("").replaceFirst("T.*", ""))).append("</td><td class=\"size\">")
                        .append(size == null ? (v.has("dist") ? "?" : "no dist") : humanSize(size)).append("</td><td>")
                        .append(requirements(v.path("require"))).append("</td></tr>\n");
            }
            rows.append("</table></details></td>\n</tr>\n");
        }
        String firstName = packages.isEmpty() ? "vendor/name" : packages.keySet().iterator().next();
        StringBuilder commands = new StringBuilder();
        commands.append("composer config repositories.distribution composer ").append(base).append('\n')
                .append("composer config repo.packagist false   # only if every requirement is in this repository\n")
                .append("composer require ").append(firstName).append('\n');
        if (project != null) {
            commands.append("\n# a new project from this repository\ncomposer create-project --repository-url=").append(base)
                    .append(' ').append(project).append(" my-project\n");
        }
        if (advisories != null) {
            commands.append("\n# this repository has security advisories: composer audit reads them\ncomposer audit\n");
        }
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>Composer repository " + escape(base) + "</title>\n"
                + "<style>\n"
                + "body{font-family:system-ui,sans-serif;margin:2em;color:#222}\n"
                + "pre{background:#f4f4f4;padding:1em;overflow:auto}\n"
                + "#search{font-size:1.1em;padding:.4em;width:30em;max-width:100%}\n"
                + "table{border-collapse:collapse}\n"
                + "#packages>tbody>tr>td{border-top:1px solid #ddd;padding:.4em .8em;vertical-align:top}\n"
                + "#packages>tbody>tr:target>td{background:#fff8d6}\n"
                + ".name{color:inherit;text-decoration:none}\n"
                + ".flag{color:#b00020}\n"
                + ".abandoned code{text-decoration:line-through}\n"
                + ".facts,.required-by,.advisories{font-size:.9em}\n"
                + ".advisories summary{color:#b00020}\n"
                + ".versions td{padding:.1em .8em .1em 0;font-size:.9em}\n"
                + ".size{text-align:right}\n"
                + "</style>\n</head>\n<body>\n"
                + "<h1>Composer repository</h1>\n<p><code>" + escape(base) + "</code>: <span id=\"total\">" + packages.size()
                + " packages, " + versions + " versions</span></p>\n"
                + "<h2>Use it</h2>\n<pre id=\"commands\">" + escape(commands.toString()) + "</pre>\n"
                + "<h2>Packages</h2>\n<p><input id=\"search\" type=\"search\" placeholder=\"Search packages\" autofocus> "
                + "<span id=\"shown\">" + packages.size() + " of " + packages.size() + " packages</span></p>\n"
                + "<table id=\"packages\">\n<thead><tr><th>Package</th><th>Type</th><th>Newest stable</th><th>Versions (date, size, requirements)</th></tr></thead>\n<tbody>\n"
                + rows
                + "</tbody>\n</table>\n"
                + "<script>\n"
                + "(function(){\n"
                + "var box=document.getElementById('search'),rows=document.querySelectorAll('#packages>tbody>tr.package');\n"
                + "function filter(){var words=box.value.toLowerCase().split(/\\s+/).filter(Boolean),n=0;\n"
                + "rows.forEach(function(r){var s=r.getAttribute('data-search'),ok=words.every(function(w){return s.indexOf(w)>=0;});\n"
                + "r.hidden=!ok;if(ok)n++;});\n"
                + "document.getElementById('shown').textContent=n+' of '+rows.length+' packages';}\n"
                + "box.addEventListener('input',filter);\n"
                // a package's anchor (#vendor/name) hidden by the search shows again
                + "function reveal(){var id=decodeURIComponent(location.hash.slice(1)),r=id&&document.getElementById(id);"
                + "if(r&&r.hidden){box.value='';filter();r.scrollIntoView();}}\n"
                + "window.addEventListener('hashchange',reveal);\n"
                + "var m=/[#&]q=([^&]*)/.exec(location.hash);if(m){box.value=decodeURIComponent(m[1]);}\n"
                + "filter();\n"
                + "})();\n"
                + "</script>\n</body>\n</html>\n";
        return html.getBytes(StandardCharsets.UTF_8);
    }

    /** For each package, the other packages of the repository that require it in one of their versions. */
    private static Map<String, Set<String>> requiredBy(Map<String, List<ObjectNode>> packages) {
        Map<String, Set<String>> by = new TreeMap<>();
        Map<String, String> names = new TreeMap<>();
        packages.keySet().forEach(n -> names.put(n.toLowerCase(Locale.ROOT), n));
        packages.forEach((name, versions) -> versions.forEach(v -> v.path("require").fieldNames().forEachRemaining(r -> {
            String required = names.get(r.toLowerCase(Locale.ROOT));
            if (required != null && !required.equals(name)) {
                by.computeIfAbsent(required, k -> new TreeSet<>()).add(name);
            }
        })));
        return by;
    }

    /** A package name, linked to its row when the repository has it. */
    private static String packageLink(String name, Map<String, List<ObjectNode>> packages) {
        return packages.containsKey(name) ? "<a href=\"#" + escape(name) + "\"><code>" + escape(name) + "</code></a>" : "<code>" + escape(name) + "</code>";
    }

    /** composer.json's license: a string or a list of them. */
    private static String license(JsonNode license) {
        if (license == null || license.isNull()) {
            return "";
        }
        if (license.isArray()) {
            List<String> all = new ArrayList<>();
            license.forEach(l -> all.add(l.asText()));
            return String.join(", ", all);
        }
        return license.asText("");
    }

    private static String requirements(JsonNode require) {
        StringBuilder b = new StringBuilder();
        require.fields().forEachRemaining(r -> {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append("<code>").append(escape(r.getKey())).append(' ').append(escape(r.getValue().asText())).append("</code>");
        });
        return b.toString();
    }

    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '&': b.append("&amp;"); break;
                case '"': b.append("&quot;"); break;
                case '\'': b.append("&#39;"); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }
}
