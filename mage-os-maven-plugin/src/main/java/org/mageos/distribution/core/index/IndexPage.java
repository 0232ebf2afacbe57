package org.mageos.distribution.core.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code index.html}: one static page for people, with every package, its versions, their sizes and requirements,
 * a search box and the composer commands that use the repository. No external resources; the same input gives
 * the same bytes.
 */
final class IndexPage {

    private IndexPage() {
    }

    /**
     * @param packages every package's versions, newest first
     * @param sizeOf the dist size in bytes of a version, or null when unknown
     */
    static byte[] render(String base, Map<String, List<ObjectNode>> packages, Function<ObjectNode, Long> sizeOf) {
        StringBuilder rows = new StringBuilder();
        int versions = 0;
        String project = null;
        for (Map.Entry<String, List<ObjectNode>> e : packages.entrySet()) {
            List<ObjectNode> list = e.getValue();
            versions += list.size();
            ObjectNode latest = list.get(0);
            if (project == null && "project".equals(latest.path("type").asText())) {
                project = e.getKey();
            }
            String search = (e.getKey() + " " + latest.path("description").asText("")).toLowerCase(Locale.ROOT);
            rows.append("<tr class=\"package\" data-search=\"").append(escape(search)).append("\">\n<td><code>")
                    .append(escape(e.getKey())).append("</code><br><small>").append(escape(latest.path("description").asText("")))
                    .append("</small></td>\n<td>").append(escape(latest.path("type").asText("library"))).append("</td>\n<td><details><summary>")
                    .append(list.size()).append(list.size() == 1 ? " version: " : " versions, newest ")
                    .append(escape(latest.path("version").asText())).append("</summary>\n<table class=\"versions\">\n");
            for (ObjectNode v : list) {
                Long size = sizeOf.apply(v);
                rows.append("<tr><td>").append(escape(v.path("version").asText())).append("</td><td>")
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
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>Composer repository " + escape(base) + "</title>\n"
                + "<style>\n"
                + "body{font-family:system-ui,sans-serif;margin:2em;color:#222}\n"
                + "pre{background:#f4f4f4;padding:1em;overflow:auto}\n"
                + "#search{font-size:1.1em;padding:.4em;width:30em;max-width:100%}\n"
                + "table{border-collapse:collapse}\n"
                + "#packages>tbody>tr>td{border-top:1px solid #ddd;padding:.4em .8em;vertical-align:top}\n"
                + ".versions td{padding:.1em .8em .1em 0;font-size:.9em}\n"
                + ".size{text-align:right}\n"
                + "</style>\n</head>\n<body>\n"
                + "<h1>Composer repository</h1>\n<p><code>" + escape(base) + "</code>: <span id=\"total\">" + packages.size()
                + " packages, " + versions + " versions</span></p>\n"
                + "<h2>Use it</h2>\n<pre id=\"commands\">" + escape(commands.toString()) + "</pre>\n"
                + "<h2>Packages</h2>\n<p><input id=\"search\" type=\"search\" placeholder=\"Search packages\" autofocus> "
                + "<span id=\"shown\">" + packages.size() + " of " + packages.size() + " packages</span></p>\n"
                + "<table id=\"packages\">\n<thead><tr><th>Package</th><th>Type</th><th>Versions (size, requirements)</th></tr></thead>\n<tbody>\n"
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
                + "var m=/[#&]q=([^&]*)/.exec(location.hash);if(m){box.value=decodeURIComponent(m[1]);}\n"
                + "filter();\n"
                + "})();\n"
                + "</script>\n</body>\n</html>\n";
        return html.getBytes(StandardCharsets.UTF_8);
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
