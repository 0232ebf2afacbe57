package org.mageos.distribution.core.php;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.HashSet;

/**
 * What one PHP file (or one package, merged) uses and declares. Names are fully qualified, without the leading
 * backslash, as written (PHP class names are case-insensitive; resolution lower-cases them). Hash sets, not
 * sorted ones: every file gets its own, and the report sorts what it shows.
 */
public final class PhpReferences {

    /** Classes, interfaces, traits and enums used. */
    public final Set<String> classes = new HashSet<>();
    /** Functions whose full name is known ({@code \foo\bar()}, {@code use function}, calls in the global namespace). */
    public final Set<String> functions = new HashSet<>();
    /**
     * Unqualified calls in a namespace, as {@code Ns\name}: PHP calls {@code Ns\name} if it exists, else the
     * global {@code name}.
     */
    public final Set<String> fallbackFunctions = new HashSet<>();
    /** Qualified constants ({@code \Foo\BAR}, {@code use const}). */
    public final Set<String> constants = new HashSet<>();
    /** Classes, interfaces, traits and enums this file declares. */
    public final Set<String> declaredClasses = new HashSet<>();
    /** Functions declared outside classes (what a {@code files} autoload file provides). */
    public final Set<String> declaredFunctions = new HashSet<>();
    /**
     * Magento references by module name, as written: {@code Magento_Ui/js/core/app}, {@code Magento_Catalog::x.phtml},
     * or the bare module name of a module.xml {@code <sequence>}.
     */
    public final Set<String> modules = new HashSet<>();
    /** Magento modules this file registers (registration.php, etc/module.xml). */
    public final Set<String> declaredModules = new HashSet<>();
    /** What the tokenizer could not read (unterminated comment, string, heredoc; unbalanced braces). */
    public final List<String> problems = new ArrayList<>();

    public void addAll(PhpReferences other) {
        classes.addAll(other.classes);
        functions.addAll(other.functions);
        fallbackFunctions.addAll(other.fallbackFunctions);
        constants.addAll(other.constants);
        declaredClasses.addAll(other.declaredClasses);
        declaredFunctions.addAll(other.declaredFunctions);
        modules.addAll(other.modules);
        declaredModules.addAll(other.declaredModules);
    }
}
