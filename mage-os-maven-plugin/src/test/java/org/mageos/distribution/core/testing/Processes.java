package org.mageos.distribution.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the real command-line tools the tests check against (composer, php), with no user configuration. */
public final class Processes {

    private Processes() {
    }

    /** Runs a command in a folder; fails the test with the output when it exits non-zero. Returns stdout and stderr. */
    public static String run(Path dir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        Exit exit = exec(dir, env, command);
        assertEquals(0, exit.status(), () -> String.join(" ", command) + " failed:\n" + exit.output());
        return exit.output();
    }

    /** Runs a command in a folder and tells how it ended. */
    public static Exit exec(Path dir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("This test needs " + command.get(0) + " (apt-get install composer php-cli php-zip unzip): " + e.getMessage());
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Exit(p.waitFor(), out);
    }

    /** The real Composer client in a project folder, with a Composer home of its own beside it. */
    public static String composer(Path project, String... args) throws IOException, InterruptedException {
        Exit exit = composerExit(project, args);
        assertEquals(0, exit.status(), () -> "composer " + String.join(" ", args) + " failed:\n" + exit.output());
        return exit.output();
    }

    /** How a command ended: its exit status and its stdout and stderr. */
    public record Exit(int status, String output) {
    }

    /** {@link #composer}, for a command whose non-zero exit says something ({@code composer audit}: the packages affected). */
    public static Exit composerExit(Path project, String... args) throws IOException, InterruptedException {
        Path home = project.resolveSibling(project.getFileName() + "-home");
        List<String> command = new ArrayList<>(List.of("composer"));
        command.addAll(List.of(args));
        command.add("--no-interaction");
        command.add("--no-ansi");
        return exec(project, Map.of("COMPOSER_HOME", home.toString(), "COMPOSER_CACHE_DIR", home.resolve("cache").toString(),
                "COMPOSER_NO_INTERACTION", "1", "COMPOSER_ALLOW_SUPERUSER", "1"), command);
    }

    /** A project folder whose only repository is the given Composer repository. */
    public static Path composerProject(Path dir, String repositoryUrl) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("composer.json"), "{\n"
                + "    \"name\": \"acme/consumer\",\n"
                + "    \"type\": \"project\",\n"
                + "    \"repositories\": [{\"type\": \"composer\", \"url\": \"" + repositoryUrl + "\"}, {\"packagist.org\": false}],\n"
                + "    \"config\": {\"platform\": {\"php\": \"8.2.0\"}, \"allow-plugins\": false}\n"
                + "}\n");
        return dir;
    }
}
