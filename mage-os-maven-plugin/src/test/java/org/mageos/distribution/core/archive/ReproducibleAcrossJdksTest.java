package org.mageos.distribution.core.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.testing.TestRepository;
import org.mageos.distribution.core.testing.Tools;

/**
 * The zip of the same tree has the same sha1 under every JDK installed beside this one (here: Debian's
 * OpenJDK 17 with the system zlib and Temurin with its bundled zlib): DEFLATE output is part of the bytes.
 */
class ReproducibleAcrossJdksTest {

    @TempDir
    Path tmp;

    @Test
    void sameSha1OnEveryInstalledJdk() throws Exception {
        List<Path> javas = new ArrayList<>();
        Path current = Path.of(System.getProperty("java.home")).toRealPath();
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            jvms.filter(p -> Files.isExecutable(p.resolve("bin/java"))).forEach(p -> {
                try {
                    if (!p.toRealPath().equals(current) && !javas.contains(p.toRealPath())) {
                        javas.add(p.toRealPath());
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.nio.file.NoSuchFileException e) {
            // no /usr/lib/jvm
        }
        Tools.require(!javas.isEmpty(), "a second JDK under /usr/lib/jvm");

        Path gitDir;
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            Map<String, String> files = new LinkedHashMap<>();
            Random random = new Random(42);
            for (int i = 0; i < 40; i++) {
                StringBuilder php = new StringBuilder("<?php\nnamespace Acme\\Module" + i + ";\n\nclass Model" + i + "\n{\n");
                for (int j = 0; j < 50 + random.nextInt(200); j++) {
                    php.append("    public function method").append(j).append("(int $x): int { return $x * ")
                            .append(random.nextInt(1000)).append("; }\n");
                }
                files.put("Module" + i + "/Model/Model" + i + ".php", php.append("}\n").toString());
            }
            byte[] noise = new byte[200_000];
            random.nextBytes(noise);
            files.put("composer.json", "{\"name\": \"acme/big\"}\n");
            files.put("view/base/web/images/noise.txt", new String(noise, StandardCharsets.ISO_8859_1));
            // a format that is compressed already: stored, not deflated
            files.put("view/base/web/images/noise.png", new String(noise, 0, 50_000, StandardCharsets.ISO_8859_1));
            repo.commit("content", files);
            gitDir = repo.dir().resolve(".git");
        }
        String expected = WriteZipMain.write(gitDir, tmp.resolve("here.zip"));
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (Path jdk : javas) {
            Path out = tmp.resolve(jdk.getFileName() + ".zip");
            Process p = new ProcessBuilder(jdk.resolve("bin/java").toString(), "-cp", classpath, WriteZipMain.class.getName(),
                    gitDir.toString(), out.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(0, p.waitFor(), jdk + ": " + output);
            String[] lines = output.split("\n");
            assertEquals(expected, lines[lines.length - 1].trim(), "sha1 under " + jdk + " differs from " + current);
        }
    }
}
