import java.nio.file.Files

// Creates the git repositories this test builds from, under repos/, with fixed dates so that every run makes
// the same commits. The packages hold what a zip writer can get wrong: an executable, a symlink, a non-ASCII
// file name, nested folders, export-ignored files, a composer.json without version (rewritten by the build).

def support = evaluate(new File(itCommon, 'support.groovy'))
def reposDir = support.freshWorkspace()
def git = support.git
def write = support.write
def commitAndTag = support.commitAndTag

// --- several packages in one repository ---------------------------------------------------------------------
def modules = new File(reposDir, 'modules')
modules.mkdirs()
git(modules, '2024-01-01T00:00:00+00:00', ['init', '-q'])
def alpha = { String version -> [
    'Alpha/composer.json'           : """{
    "name": "repro/alpha",
    "description": "Alpha",
    "version": "${version}",
    "require": { "repro/lib": "^1.1" },
    "archive": { "exclude": ["/build"] }
}
""".toString(),
    'Alpha/.gitattributes'          : '/tests export-ignore\n*.dist export-ignore\n',
    'Alpha/README.md'               : "Alpha ${version}\n".toString(),
    'Alpha/bin/tool'                : "#!/bin/sh\necho alpha ${version}\n".toString(),
    'Alpha/i18n/Übersetzung_de.csv' : '"Hello","Hallo"\n',
    'Alpha/src/Deep/Er/Class.php'   : "<?php\n// ${version}\n".toString(),
    'Alpha/src/Z.php'               : '<?php\n',
    'Alpha/src/a.php'               : '<?php\n',
    'Alpha/phpunit.xml.dist'        : '<phpunit/>\n',
    'Alpha/tests/AlphaTest.php'     : '<?php\n',
    'Alpha/build/out.txt'           : 'excluded\n',
    'Alpha/big.txt'                 : (1..2000).collect { "line ${it} of a file that compresses\n" }.join(''),
]}
def beta = [
    'Beta/composer.json': '{\n    "name": "repro/beta",\n    "version": "1.0.0",\n    "type": "library"\n}\n',
    'Beta/Beta.php'     : '<?php\n',
]
def meta = { String version -> [
    'meta/composer.json': """{
    "name": "repro/meta",
    "type": "metapackage",
    "version": "${version}",
    "require": { "repro/alpha": "${version}", "repro/beta": "1.0.0" }
}
""".toString(),
]}
write(modules, alpha('2.0.0') + beta + meta('2.0.0'))
new File(modules, 'Alpha/bin/tool').setExecutable(true, false)
Files.createSymbolicLink(new File(modules, 'Alpha/link-to-readme').toPath(), new File('README.md').toPath())
commitAndTag(modules, '2024-04-01T10:00:00+02:00', '2.0.0')
write(modules, alpha('2.0.1') + meta('2.0.1'))
commitAndTag(modules, '2024-05-01T10:00:00+02:00', '2.0.1')

// --- a library whose composer.json has no version; <tags> selects >=1.1.0 -----------------------------------
def lib = new File(reposDir, 'lib')
lib.mkdirs()
git(lib, '2024-01-01T00:00:00+00:00', ['init', '-q'])
['1.0.0': '2024-01-02T00:00:00+00:00', '1.1.0': '2024-02-02T00:00:00+00:00', '1.2.0': '2024-03-02T00:00:00+00:00'].each { tag, date ->
    write(lib, [
        // keys in no particular order, unicode and escapes: the build rewrites this file to add the version
        'composer.json': """{
    "name": "repro/lib",
    "description": "Bibliothèque \\u00e9 \\"quoted\\" / ${tag}",
    "license": "MIT",
    "autoload": { "psr-4": { "Repro\\\\Lib\\\\": "src/" } },
    "extra": { "z": 1, "a": [1.50, 2e3, null, true] }
}
""".toString(),
        'src/Lib.php'  : "<?php\n// ${tag}\n".toString(),
    ])
    commitAndTag(lib, date, tag)
}

true
