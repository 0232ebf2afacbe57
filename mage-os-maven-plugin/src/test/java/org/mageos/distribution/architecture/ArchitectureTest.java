package org.mageos.distribution.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout that ARCHITECTURE.md draws, held against the compiled classes: the core's packages form no cycle,
 * each imports only the packages below it, the core knows nothing of Maven, and the mojos call the core's steps.
 */
class ArchitectureTest {

    private static final String CORE = "org.mageos.distribution.core";

    /**
     * Each core package and the core packages it may use (besides itself and the root package's
     * DistributionLog and DistributionException). ARCHITECTURE.md gives the same table, with what each owns.
     */
    static final Map<String, Set<String>> ALLOWED = new TreeMap<>(Map.ofEntries(
            Map.entry("io", Set.of()),
            Map.entry("version", Set.of("io")),
            Map.entry("composer", Set.of("version", "io")),
            Map.entry("config", Set.of("composer", "version", "io")),
            // git -> published: the fetch leaves out the tags the published record says are planned (PublishedRepository.plannedTags)
            Map.entry("git", Set.of("config", "published", "version", "io")),
            Map.entry("published", Set.of("composer", "version", "io")),
            Map.entry("archive", Set.of("io")),
            Map.entry("advisory", Set.of("git", "config", "version", "io")),
            Map.entry("php", Set.of("config", "composer", "version", "io")),
            Map.entry("plan", Set.of("git", "published", "archive", "php", "config", "composer", "version", "io")),
            Map.entry("packaging", Set.of("plan", "git", "published", "archive", "config", "composer", "version", "io")),
            Map.entry("index", Set.of("packaging", "advisory", "published", "config", "composer", "version", "io")),
            Map.entry("analysis", Set.of("packaging", "php", "config", "composer", "version", "io")),
            Map.entry("publish", Set.of("index", "advisory", "published", "config", "composer", "version", "io")),
            Map.entry("serve", Set.of("config", "io"))));

    private static JavaClasses main;

    @BeforeAll
    static void importClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.mageos.distribution");
    }

    @Test
    void corePackagesFormNoCycle() {
        slices().matching(CORE + ".(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void eachCorePackageUsesOnlyThePackagesBelowIt() {
        for (Map.Entry<String, Set<String>> e : ALLOWED.entrySet()) {
            Set<String> others = new TreeSet<>(ALLOWED.keySet());
            others.remove(e.getKey());
            others.removeAll(e.getValue());
            if (others.isEmpty()) {
                continue;
            }
            noClasses().that().resideInAPackage(CORE + "." + e.getKey() + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others.stream().map(p -> CORE + "." + p + "..").toArray(String[]::new))
                    .because("ARCHITECTURE.md: " + e.getKey() + " may use only " + e.getValue())
                    .check(main);
        }
    }

    @Test
    void everyCorePackageIsInTheTable() {
        Set<String> packages = new TreeSet<>();
        main.forEach(c -> {
            if (c.getPackageName().startsWith(CORE + ".")) {
                packages.add(c.getPackageName().substring(CORE.length() + 1).split("\\.")[0]);
            }
        });
        assertEquals(ALLOWED.keySet(), packages, "a new core package needs its row in ALLOWED and in ARCHITECTURE.md");
    }

    @Test
    void theCoreKnowsNothingOfMaven() {
        noClasses().that().resideInAPackage(CORE + "..").should().dependOnClassesThat().resideInAPackage("org.apache.maven..")
                .check(main);
    }

    @Test
    void mojosCallOnlyTheCoresStepsAndTheirOptions() {
        classes().that().resideInAPackage("org.mageos.distribution.maven..")
                .should().onlyDependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "outside the core, or a step, its options, the configuration, the log or the error",
                        c -> !c.getPackageName().startsWith(CORE) || c.getPackageName().equals(CORE)
                                || c.getPackageName().startsWith(CORE + ".config")
                                || c.getName().matches(".*\\.\\w+(Step|Options)(\\$.*)?")))
                .check(main);
    }
}
