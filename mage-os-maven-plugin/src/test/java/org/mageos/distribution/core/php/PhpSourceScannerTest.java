package org.mageos.distribution.core.php;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PhpSourceScannerTest {

    static byte[] fixture(String name) {
        try (InputStream in = PhpSourceScannerTest.class.getResourceAsStream("/php/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> set(String... names) {
        return new TreeSet<>(Set.of(names));
    }

    @Test
    void everyReferenceFormInOneFile() {
        PhpReferences refs = PhpSourceScanner.scan(fixture("every-form.php"));
        assertEquals(set(
                // use imports: plain, grouped, aliased, several in one statement
                "Vendor\\Base\\AbstractModel", "Vendor\\Api\\ProductInterface", "Vendor\\Api\\Data\\PriceInterface",
                "Vendor\\Attr\\Route", "Vendor\\Attr\\Cached",
                // attributes
                "Vendor\\Attr\\Deprecated", "Shop\\Catalog\\Model\\Sensitive",
                // extends, implements, trait use
                "Vendor\\Api\\IdentityInterface", "Vendor\\Traits\\Timestamps", "Shop\\Catalog\\Model\\Sluggable",
                // property, parameter (promoted, nullable, relative, variadic), union, intersection, DNF, return types
                "Vendor\\Types\\Money", "Vendor\\Types\\Amount", "Vendor\\Di\\ObjectManagerInterface",
                "Shop\\Catalog\\Model\\Factory\\ThingFactory", "Shop\\Catalog\\Model\\Vendor2\\Relative", "Vendor\\Variadic",
                "Vendor\\Types\\Comparable", "Vendor\\Dnf\\A", "Vendor\\Dnf\\B", "Vendor\\Types\\Returned",
                // new (also in a default value), static call, instanceof, ::class, constant access
                "Vendor\\Defaults\\NullThing", "Vendor\\Created\\Thing", "Shop\\Catalog\\Model\\Registry",
                "Vendor\\Checked\\Instance", "Vendor\\Statics\\Helper", "Shop\\Catalog\\Model\\Relative\\Local",
                // arrow function, closure, anonymous class
                "Vendor\\Arrow\\Param", "Vendor\\Arrow\\Returned", "Vendor\\Closure\\Param", "Vendor\\Closure\\Returned",
                "Vendor\\Anonymous\\Base", "Vendor\\Anonymous\\Iface",
                // catch, with a union and without a variable
                "Vendor\\Errors\\First", "Shop\\Catalog\\Model\\Errors\\Second", "Vendor\\Errors\\NoVariable",
                // after a close tag and a short echo tag
                "Vendor\\Template\\Escaper",
                // a doc comment's @param type (its prose names no class)
                "Shop\\Catalog\\Model\\Doc\\Param"), refs.classes);
        assertEquals(set("Vendor\\Api\\price_format", "Vendor\\Util\\slugify", "Vendor\\Functions\\format_price"), refs.functions);
        assertEquals(set("Shop\\Catalog\\Model\\local_helper", "Shop\\Catalog\\Model\\strlen"), refs.fallbackFunctions);
        assertEquals(set("Vendor\\Api\\DEFAULT_PRICE", "Vendor\\Util\\MAX_LENGTH", "Vendor\\Constants\\FLAG"), refs.constants);
        assertEquals(set("Shop\\Catalog\\Model\\Product"), refs.declaredClasses);
        assertEquals(set(), refs.declaredFunctions, "methods are not functions");
        assertEquals(java.util.List.of(), refs.problems);
    }

    @Test
    void namespaceBlocksIncludingTheGlobalOne() {
        PhpReferences refs = PhpSourceScanner.scan(fixture("namespace-blocks.php"));
        assertEquals(set("Lib\\Imported", "First\\Typed", "Global\\Imported", "First\\One", "Exception", "DateTime",
                "ArrayObject", "Lib\\HasLabel"), refs.classes);
        assertEquals(set("First\\One", "GlobalClass", "Suit"), refs.declaredClasses);
        assertEquals(set("First\\helper", "global_helper"), refs.declaredFunctions);
        assertEquals(set("function_exists"), refs.functions);
        assertEquals(java.util.List.of(), refs.problems);
    }

    @Test
    void unreadableCodeIsReportedAndWhatWasReadIsKept() {
        PhpReferences refs = PhpSourceScanner.scan(fixture("unterminated.php"));
        assertEquals(set("Lib\\BeforeTheError"), refs.classes);
        assertEquals(set("Broken\\Broken"), refs.declaredClasses);
        assertTrue(refs.problems.stream().anyMatch(p -> p.startsWith("unterminated string")), refs.problems.toString());
    }

    static Stream<Arguments> snippets() {
        return Stream.of(
                // code, classes expected (| separated, empty for none)
                Arguments.of("<?php $a = 'Foo\\\\Bar'; $b = \"Foo\\\\Baz\"; $c = `ls Foo\\\\Cmd`;", ""),
                Arguments.of("<?php /* new Foo\\Bar() */ // Foo\\Baz::x()\n# \\Foo\\Qux::class\n", ""),
                Arguments.of("<?php $x = <<<\"EOT\"\nnew Foo\\Bar()\nEOT;\n$y = new Real\\One;", "Real\\One"),
                Arguments.of("<?php $x = <<<EOT\n  EOT_NOT_END new A\\B\n  EOT\n . \\Real\\Two::X;", "Real\\Two"),
                Arguments.of("<?php\nuse A\\{B\\C, D as E};\nnew E(); new C\\X();", "A\\B\\C|A\\D|A\\B\\C\\X"),
                Arguments.of("<?php\nnamespace N;\nuse X\\Y as Z;\nZ\\W::f(); new namespace\\K(); \\Q::f();", "X\\Y|X\\Y\\W|N\\K|Q"),
                Arguments.of("<?php\nnamespace N;\n$o->Foo(); $o?->Bar(); X::baz(); $o::Qux;", "N\\X"),
                Arguments.of("<?php\nnamespace N;\nfunction f(int $a, string ...$b): ?array { return [self::class, static::class]; }", ""),
                Arguments.of("<?php\nnamespace N;\nclass C { public function list() {} public function print(Foo $f) {} }", "N\\Foo"),
                Arguments.of("<?php\nnamespace N;\nif ($a instanceof $b) { new $c(); new static(); new self; }", ""),
                Arguments.of("<?php\nnamespace N;\ntrait T { use A, B { A::go insteadof B; B::go as protected goB; } }", "N\\A|N\\B"),
                Arguments.of("plain text, no PHP at all: new Foo\\Bar()", ""),
                Arguments.of("<?php\nnamespace N;\n$f = foo(name: 1, other: BAR);", ""),
                Arguments.of("<?php\nnamespace N;\ninterface I extends \\A\\B, C {}", "A\\B|N\\C"),
                Arguments.of("<?php\nnamespace N;\n__halt_compiler(); new Foo\\Bar();", ""),
                Arguments.of("<?php\nnamespace N;\n$x = [1, 2]; #[A\\B(c: D::E)] function f() {}", "N\\A\\B|N\\D"));
    }

    @ParameterizedTest
    @MethodSource("snippets")
    void snippet(String code, String expected) {
        Set<String> want = new TreeSet<>();
        for (String name : expected.split("\\|")) {
            if (!name.isEmpty()) {
                want.add(name);
            }
        }
        assertEquals(want, PhpSourceScanner.scan(code.getBytes(StandardCharsets.UTF_8)).classes, code);
    }

    @Test
    void utf8NamesSurviveTheLatin1Reading() {
        PhpReferences refs = PhpSourceScanner.scan("<?php\nnamespace Café;\nnew Crème\\Brûlée();".getBytes(StandardCharsets.UTF_8));
        assertEquals(set("Café\\Crème\\Brûlée"), refs.classes);
    }

    @Test
    void configurationXml() {
        PhpReferences di = XmlClassNames.scan(fixture("di.xml"));
        assertEquals(set("Vendor\\Api\\ProductRepositoryInterface", "Shop\\Catalog\\Model\\ProductRepository",
                "Vendor\\Logger\\Handler", "Vendor\\Filesystem\\Driver", "Vendor\\Items\\First", "Vendor\\Plugins\\Around",
                "Vendor\\Logger\\Monolog"), di.classes);
        assertTrue(di.problems.isEmpty(), di.problems.toString());

        PhpReferences events = XmlClassNames.scan(fixture("events.xml"));
        assertEquals(set("Vendor\\Observer\\Reindex", "Vendor\\Config\\Source\\YesNo", "Vendor\\Config\\Backend\\Serialized"),
                events.classes, "kept up to the error");
        assertFalse(events.problems.isEmpty(), "the missing end tag is reported");
    }
}
