/*
 * Benchmark of the PHP dependency scanner. Not a test: a main class.
 *
 * Run from the root of the project (after one `mvn -B -q install -DskipTests -Dinvoker.skip`):
 *
 *   mvn -q -f mage-os-maven-plugin/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *       -Dexec.mainClass=org.mageos.distribution.benchmark.PhpScanBenchmark [-Dexec.args="--files 40000 --threads 2"]
 *
 * It generates a code base the size of Magento's (default 40,000 PHP files in 400 packages, Magento-style
 * modules: namespace, imports, docblocks, typed properties, constructor injection, methods with calls, strings,
 * arrays, comments, some heredocs; 5 KB on average) and prints, as the median of 5 rounds after 2 warm-up rounds:
 * - scan: PhpSourceScanner over the files held in memory, on N threads (files/s and MB/s);
 * - analyze: DependencyAnalyzer over the same files written as 400 zips with a build manifest (reading and
 *   inflating the zips, scanning, mapping through the autoload rules), on N threads.
 * Each figure comes twice: by wall-clock time, and by the CPU time of the whole process (GC and JIT included)
 * divided by N, which is what N otherwise idle cores would take: on a shared machine the wall clock measures the
 * neighbours too.
 */
package org.mageos.distribution.benchmark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.analysis.DependencyAnalyzer;
import org.mageos.distribution.core.analysis.DependencyReport;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.packaging.PackageManifest;
import org.mageos.distribution.core.packaging.PackagedVersion;
import org.mageos.distribution.core.php.PhpSourceScanner;

public final class PhpScanBenchmark {

    private static final int PACKAGES = 400;
    private static final int ROUNDS = 5;

    private final Random random = new Random(42);

    public static void main(String[] args) throws Exception {
        int files = 40_000;
        int threads = 2;
        for (int i = 0; i < args.length - 1; i += 2) {
            if (args[i].equals("--files")) {
                files = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--threads")) {
                threads = Integer.parseInt(args[i + 1]);
            }
        }
        new PhpScanBenchmark().run(files, threads);
    }

    private void run(int fileCount, int threads) throws Exception {
        byte[][] files = new byte[fileCount][];
        long bytes = 0;
        for (int i = 0; i < fileCount; i++) {
            files[i] = phpFile(i % PACKAGES, i).getBytes(StandardCharsets.UTF_8);
            bytes += files[i].length;
        }
        System.out.printf("generated %d PHP files in %d packages, %.1f MB, %.1f KB on average; %d threads, %d cores%n",
                fileCount, PACKAGES, bytes / 1e6, bytes / 1e3 / fileCount, threads, Runtime.getRuntime().availableProcessors());

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long[] scanTimes = new long[ROUNDS];
        long[] scanCpu = new long[ROUNDS];
        int references = 0;
        for (int round = -2; round < ROUNDS; round++) {
            AtomicInteger next = new AtomicInteger();
            AtomicInteger found = new AtomicInteger();
            long cpu = processCpu();
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    int i;
                    int count = 0;
                    while ((i = next.getAndIncrement()) < files.length) {
                        count += PhpSourceScanner.scan(files[i]).classes.size();
                    }
                    found.addAndGet(count);
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            if (round >= 0) {
                scanTimes[round] = System.nanoTime() - start;
                scanCpu[round] = (processCpu() - cpu) / threads;
            }
            references = found.get();
        }
        pool.shutdown();
        long scan = median(scanTimes);
        long scanCpuMedian = median(scanCpu);
        System.out.printf("scan:    %,d files/s, %.0f MB/s wall clock (median %d ms); %,d files/s, %.0f MB/s by CPU time (median %d ms); %,d class references%n",
                (long) (fileCount / (scan / 1e9)), bytes / 1e6 / (scan / 1e9), scan / 1_000_000,
                (long) (fileCount / (scanCpuMedian / 1e9)), bytes / 1e6 / (scanCpuMedian / 1e9), scanCpuMedian / 1_000_000, references);

        Path repository = Files.createTempDirectory("php-scan-benchmark");
        try {
            PackageManifest manifest = writeRepository(repository, files);
            long[] analyzeTimes = new long[ROUNDS];
            long[] analyzeCpu = new long[ROUNDS];
            DependencyReport report = null;
            for (int round = -2; round < ROUNDS; round++) {
                long cpu = processCpu();
                long start = System.nanoTime();
                report = new DependencyAnalyzer(DistributionLog.SILENT, threads).analyze(manifest, repository, List.of());
                if (round >= 0) {
                    analyzeTimes[round] = System.nanoTime() - start;
                    analyzeCpu[round] = (processCpu() - cpu) / threads;
                }
            }
            long analyze = median(analyzeTimes);
            long analyzeCpuMedian = median(analyzeCpu);
            long missing = report.packages.stream().mapToLong(p -> p.missing.size()).sum();
            System.out.printf("analyze: %,d files/s wall clock (median %d ms); %,d files/s by CPU time (median %d ms); %d packages, %d missing requirements found%n",
                    (long) (fileCount / (analyze / 1e9)), analyze / 1_000_000,
                    (long) (fileCount / (analyzeCpuMedian / 1e9)), analyzeCpuMedian / 1_000_000, report.packages.size(), missing);
        } finally {
            try (Stream<Path> walk = Files.walk(repository)) {
                walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private PackageManifest writeRepository(Path repository, byte[][] files) throws Exception {
        PackageManifest manifest = new PackageManifest();
        for (int p = 0; p < PACKAGES; p++) {
            PackagedVersion v = new PackagedVersion();
            v.name = "bench/module-" + p;
            v.version = "1.0.0";
            v.versionNormalized = "1.0.0.0";
            ObjectNode json = Json.MAPPER.createObjectNode();
            json.put("name", v.name);
            json.putObject("autoload").putObject("psr-4").put("Bench\\Module" + p + "\\", "");
            ObjectNode require = json.putObject("require");
            for (int d = 1; d <= 5; d++) {
                require.put("bench/module-" + ((p + d) % PACKAGES), "*");
            }
            v.composerJson = json;
            v.distPath = "dist/module-" + p + ".zip";
            Path zip = repository.resolve(v.distPath);
            Files.createDirectories(zip.getParent());
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
                for (int i = p; i < files.length; i += PACKAGES) {
                    z.putNextEntry(new ZipEntry("Model/Generated" + i + ".php"));
                    z.write(files[i]);
                    z.closeEntry();
                }
            }
            manifest.versions.add(v);
        }
        return manifest;
    }

    /** A Magento-style class: its size and shape vary with the random generator. */
    private String phpFile(int pkg, int index) {
        StringBuilder s = new StringBuilder(8192);
        String ns = "Bench\\Module" + pkg + "\\Model";
        s.append("<?php\n/**\n * Copyright © Magento, Inc. All rights reserved.\n * See COPYING.txt for license details.\n */\n");
        s.append("declare(strict_types=1);\n\nnamespace ").append(ns).append(";\n\n");
        int imports = 3 + random.nextInt(12);
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < imports; i++) {
            int other = (pkg + random.nextInt(8)) % PACKAGES;
            String alias = "Dep" + i + "Interface";
            s.append("use Bench\\Module").append(other).append("\\Api\\").append(alias).append(";\n");
            aliases.add(alias);
        }
        s.append("use Magento\\Framework\\Exception\\LocalizedException;\n\n");
        s.append("/**\n * Class Generated").append(index).append(" does what a model does.\n *\n * @api\n * @since 100.0.2\n */\n");
        s.append("class Generated").append(index).append(" extends \\Magento\\Framework\\Model\\AbstractModel implements ")
                .append(aliases.get(0)).append("\n{\n");
        s.append("    const CACHE_TAG = 'bench_generated_").append(index).append("';\n\n");
        int properties = 2 + random.nextInt(6);
        for (int i = 0; i < properties; i++) {
            s.append("    /**\n     * @var ").append(aliases.get(i % aliases.size())).append("\n     */\n");
            s.append("    private ").append(aliases.get(i % aliases.size())).append(" $dependency").append(i).append(";\n\n");
        }
        s.append("    /**\n     * @param ").append(aliases.get(0)).append(" $dependency0\n     */\n    public function __construct(\n");
        for (int i = 0; i < properties; i++) {
            s.append("        ").append(aliases.get(i % aliases.size())).append(" $dependency").append(i).append(",\n");
        }
        s.append("        array $data = []\n    ) {\n");
        for (int i = 0; i < properties; i++) {
            s.append("        $this->dependency").append(i).append(" = $dependency").append(i).append(";\n");
        }
        s.append("        parent::__construct($data);\n    }\n\n");
        int methods = 1 + random.nextInt(7);
        for (int m = 0; m < methods; m++) {
            String dep = aliases.get(random.nextInt(aliases.size()));
            s.append("    /**\n     * Retrieve the value for the given key.\n     *\n     * @param string $key\n     * @param ")
                    .append(dep).append("|null $item\n     * @return array\n     * @throws LocalizedException\n     */\n");
            s.append("    public function method").append(m).append("(string $key, ?").append(dep).append(" $item = null): array\n    {\n");
            int lines = 1 + random.nextInt(7);
            for (int l = 0; l < lines; l++) {
                switch (random.nextInt(7)) {
                    case 0:
                        s.append("        // look the value up in the cache first, then in the resource model\n");
                        s.append("        $result = $this->dependency0->load($key, 'entity_id');\n");
                        break;
                    case 1:
                        s.append("        if ($item === null || !$item->getId()) {\n            throw new LocalizedException(__('The \"%1\" item does not exist.', $key));\n        }\n");
                        break;
                    case 2:
                        s.append("        $data = ['key' => $key, 'value' => \\Bench\\Module").append((pkg + 1) % PACKAGES)
                                .append("\\Helper\\Data::VALUE, 'label' => \"Label {$key}\"];\n");
                        break;
                    case 3:
                        s.append("        foreach ($this->getData() as $field => $value) {\n            $this->setData($field, is_array($value) ? implode(',', $value) : $value);\n        }\n");
                        break;
                    case 4:
                        s.append("        $collection = $this->collectionFactory->create()->addFieldToFilter('store_id', ['in' => [0, 1]]);\n");
                        break;
                    case 5:
                        s.append("        $sql = <<<SQL\n            SELECT * FROM catalog_product_entity WHERE sku = :sku\n            SQL;\n");
                        break;
                    default:
                        s.append("        /* a block comment with Vendor\\Looking\\Class names */\n        $value = strtolower(trim((string) $key));\n");
                        break;
                }
            }
            s.append("        return [];\n    }\n\n");
        }
        s.append("}\n");
        return s.toString();
    }
}
