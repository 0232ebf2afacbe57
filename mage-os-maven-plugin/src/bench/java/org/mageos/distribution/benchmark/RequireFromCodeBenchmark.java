/*
 * Benchmark of <requireFromCode>: what computing a base package's require from its code adds to planning. Not a
 * test: a main class.
 *
 * Run from the root of the project:
 *
 *   mvn -q -f mage-os-maven-plugin/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *       -Dexec.mainClass=org.mageos.distribution.benchmark.RequireFromCodeBenchmark \
 *       [-Dexec.args="--modules 400 --files 2000 --tags 10"]
 *
 * It generates, with the git command line, a magento2-like repository: N modules under app/code/Magento/* (psr-4,
 * a registration.php in `files`, five classes each), and a base package around them (the repository root) whose
 * code is F PHP files under setup/src/ (each importing classes of random modules and of three third-party
 * namespaces), app/etc/di.xml, and as many test files under dev/tests/ (left out of the analysis). T tags, each
 * changing 5% of the base's files. It prints the median of 5 plans by a fresh planner, after 2 warm-up plans:
 * without <requireFromCode>, and with it on the base package (every tag a release whose base is planned and scanned).
 */
package org.mageos.distribution.benchmark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.config.ThirdPartyNamespace;
import org.mageos.distribution.core.plan.PackagePlan;
import org.mageos.distribution.core.plan.PackagePlanner;
import org.mageos.distribution.core.testing.TestRepository;

public final class RequireFromCodeBenchmark {

    private static final int ROUNDS = 5;
    private static final String[] THIRD_PARTY = {"Monolog\\Logger", "Laminas\\Code\\Generator\\ClassGenerator", "Psr\\Log\\LoggerInterface"};

    private final Random random = new Random(42);
    private final int modules;

    private RequireFromCodeBenchmark(int modules) {
        this.modules = modules;
    }

    public static void main(String[] args) throws Exception {
        int modules = 400;
        int files = 2000;
        int tags = 10;
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--modules" -> modules = Integer.parseInt(args[i + 1]);
                case "--files" -> files = Integer.parseInt(args[i + 1]);
                case "--tags" -> tags = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("mage-os-require-bench");
        try {
            Path repo = work.resolve("magento2");
            long start = System.nanoTime();
            new RequireFromCodeBenchmark(modules).generate(repo, files, tags);
            System.out.printf("generated %d modules, a base of %d PHP files (+ %d tests), %d tags in %d ms%n", modules, files, files, tags,
                    (System.nanoTime() - start) / 1_000_000);
            try (Repository repository = new FileRepositoryBuilder().setGitDir(repo.resolve(".git").toFile()).build()) {
                long without = median(repository, repo, false);
                long with = median(repository, repo, true);
                System.out.printf("plan without <requireFromCode>: %d ms (median of %d)%n", without, ROUNDS);
                System.out.printf("plan with <requireFromCode> on the base: %d ms (median of %d): %d ms for %d base versions, %.1f ms each%n",
                        with, ROUNDS, with - without, tags, (with - without) / (double) tags);
            }
        } finally {
            TestRepository.delete(work);
        }
    }

    private static long median(Repository repository, Path repo, boolean requireFromCode) {
        Source source = new Source("magento2", repo.toString());
        PackageRule base = new PackageRule();
        base.setBase(true);
        base.setRequireFromCode(requireFromCode);
        source.setPackages(List.of(new PackageRule("app/code/Magento/*"), base));
        List<ThirdPartyNamespace> namespaces = List.of(new ThirdPartyNamespace("Monolog\\", "monolog/monolog", "^3.0"),
                new ThirdPartyNamespace("Laminas\\Code\\", "laminas/laminas-code", "^4.13"), new ThirdPartyNamespace("Psr\\Log\\", "psr/log", "^3"));
        long[] times = new long[ROUNDS];
        for (int round = -2; round < ROUNDS; round++) {
            long start = System.nanoTime();
            PackagePlan plan = new PackagePlanner(DistributionLog.SILENT).plan(List.of(new PackagePlanner.SourceRepository(source, repository)),
                    new Distribution(List.of(source)).setNamespaces(namespaces));
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (plan.versions().isEmpty()) {
                throw new IllegalStateException("nothing planned");
            }
            if (round >= 0) {
                times[round] = ms;
            }
        }
        Arrays.sort(times);
        return times[ROUNDS / 2];
    }

    private void generate(Path repo, int files, int tags) throws Exception {
        Files.createDirectories(repo);
        git(repo, "init", "-q");
        for (int m = 0; m < modules; m++) {
            String ns = "Magento\\\\Module" + m + "\\\\";
            write(repo, "app/code/Magento/Module" + m + "/composer.json", "{\n    \"name\": \"magento/module-" + m + "\",\n    \"version\": \"100.0."
                    + m + "\",\n    \"autoload\": {\"psr-4\": {\"" + ns + "\": \"\"}, \"files\": [\"registration.php\"]}\n}\n");
            write(repo, "app/code/Magento/Module" + m + "/registration.php", "<?php\n\\Magento\\Framework\\Component\\ComponentRegistrar::register('module', 'Magento_Module"
                    + m + "', __DIR__);\n");
            for (int c = 0; c < 5; c++) {
                write(repo, "app/code/Magento/Module" + m + "/Model/Thing" + c + ".php", "<?php\nnamespace Magento\\Module" + m
                        + "\\Model;\n\nclass Thing" + c + "\n{\n}\n");
            }
        }
        write(repo, "composer.json", "{\n    \"name\": \"magento/magento2-base\",\n    \"require\": {\"php\": \"~8.2.0\", \"ext-json\": \"*\"}\n}\n");
        StringBuilder di = new StringBuilder("<?xml version=\"1.0\"?>\n<config xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n");
        for (int i = 0; i < 200; i++) {
            di.append("    <preference for=\"").append(moduleClass()).append("\" type=\"").append(moduleClass()).append("\"/>\n");
        }
        write(repo, "app/etc/di.xml", di.append("</config>\n").toString());
        for (int f = 0; f < files; f++) {
            write(repo, "setup/src/Magento/Setup/Model/Step" + f + ".php", php("Magento\\Setup\\Model", "Step" + f, 0));
            write(repo, "dev/tests/unit/Magento/Setup/Model/Step" + f + "Test.php", php("Magento\\Setup\\Test\\Model", "Step" + f + "Test", 0));
        }
        commitAndTag(repo, "2.4.0");
        for (int t = 1; t < tags; t++) {
            for (int c = 0; c < files / 20; c++) {
                int f = random.nextInt(files);
                write(repo, "setup/src/Magento/Setup/Model/Step" + f + ".php", php("Magento\\Setup\\Model", "Step" + f, t));
            }
            commitAndTag(repo, "2.4." + t);
        }
    }

    private String moduleClass() {
        return "Magento\\Module" + random.nextInt(modules) + "\\Model\\Thing" + random.nextInt(5);
    }

    /** A Magento-style class of about 3 KB: imports, constructor injection, methods with calls, a docblock, a string. */
    private String php(String namespace, String name, int revision) {
        List<String> imports = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            imports.add(moduleClass());
        }
        imports.add(THIRD_PARTY[random.nextInt(THIRD_PARTY.length)]);
        StringBuilder sb = new StringBuilder("<?php\n/**\n * Copyright (c) Example. Revision ").append(revision).append("\n */\n");
        sb.append("declare(strict_types=1);\n\nnamespace ").append(namespace).append(";\n\n");
        for (String use : imports) {
            sb.append("use ").append(use).append(" as Dep").append(imports.indexOf(use)).append(";\n");
        }
        sb.append("\n/**\n * Does one step of the set-up; see Magento\\Framework\\Setup for the contract.\n */\nclass ").append(name).append("\n{\n");
        sb.append("    public function __construct(\n");
        for (int i = 0; i < imports.size(); i++) {
            sb.append("        private readonly Dep").append(i).append(" $dep").append(i).append(i + 1 < imports.size() ? ",\n" : "\n");
        }
        sb.append("    ) {\n    }\n\n");
        for (int m = 0; m < 8; m++) {
            sb.append("    /**\n     * @return array<string, mixed>\n     */\n    public function run").append(m).append("(array $data): array\n    {\n")
                    .append("        $result = [];\n        foreach ($data as $key => $value) {\n")
                    .append("            $result[$key] = $this->dep").append(m % imports.size()).append("->process($value, 'step ").append(m).append("');\n")
                    .append("        }\n        return \\array_merge($result, ['name' => '").append(name).append("']);\n    }\n\n");
        }
        return sb.append("}\n").toString();
    }

    private static void write(Path repo, String path, String content) throws Exception {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void commitAndTag(Path repo, String tag) throws Exception {
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", tag);
        git(repo, "tag", tag);
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Bench", "-c", "user.email=bench@example.invalid",
                "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"));
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
        }
    }
}
