// Creates the git repositories this test builds from, under repos/, with fixed dates so that every run makes
// the same commits. verify.groovy reads its expectations back from these repositories.

def support = evaluate(new File(itCommon, 'support.groovy'))
def reposDir = support.freshWorkspace()
def git = support.git
def write = support.write
def commitAndTag = support.commitAndTag

// --- a Magento-like repository: one package per top-level folder ------------------------------------------
def magento = new File(reposDir, 'magento')
magento.mkdirs()
git(magento, '2024-01-01T00:00:00+00:00', ['init', '-q'])

def moduleA = { String thing -> [
    'ModuleA/composer.json'      : '''{
    "name": "itest/module-a",
    "description": "Module A",
    "version": "1.0.0",
    "require": {
        "itest/lib": "^1.0"
    },
    "autoload": {
        "psr-4": { "ITest\\\\ModuleA\\\\": "" }
    },
    "archive": {
        "exclude": ["/docs"]
    }
}
''',
    'ModuleA/.gitattributes'     : '/Test export-ignore\n',
    'ModuleA/Model/Thing.php'    : thing,
    'ModuleA/etc/module.xml'     : '<config><module name="ITest_ModuleA"/></config>\n',
    'ModuleA/Test/Unit/ThingTest.php': '<?php\n// a test, export-ignored\n',
    'ModuleA/docs/index.md'      : '# Module A docs, excluded by archive.exclude\n',
]}
def moduleB = { String version -> [
    'ModuleB/composer.json': """{
    "name": "itest/module-b",
    "description": "Module B",
    "version": "${version}"
}
""".toString(),
    'ModuleB/Block/View.php': "<?php\n// module-b ${version}\n".toString(),
]}
def metapackage = { String version, String moduleBVersion -> [
    '_metapackage/composer.json': """{
    "name": "itest/product",
    "description": "The product: every module at an exact version",
    "type": "metapackage",
    "version": "${version}",
    "require": {
        "itest/module-a": "1.0.0",
        "itest/module-b": "${moduleBVersion}"
    }
}
""".toString(),
]}

// 1.0.0; annotated tag made a day after the commit: a version's time is its commit's
write(magento, moduleA('<?php\n// module-a, as of tag 1.0.0\n') + moduleB('1.0.0') + metapackage('1.0.0', '1.0.0') + [
    '.github/workflows/ci.yml': 'on: push\n',
    'dev/tests/phpunit.xml'   : '<phpunit/>\n',
    'README.md'               : 'Magento-like\n',
])
commitAndTag(magento, '2024-01-10T09:00:00+01:00', '1.0.0', '2024-01-11T12:00:00+00:00')

// 1.0.1: ModuleB changes version; ModuleA changes a file but not its version, so it is still 1.0.0 (built from tag 1.0.0)
write(magento, moduleA('<?php\n// module-a, changed after tag 1.0.0 without a new version\n') + moduleB('1.0.1')
        + metapackage('1.0.1', '1.0.1'))
commitAndTag(magento, '2024-02-20T15:30:00-05:00', '1.0.1')

// a tag that is no version: nothing of this commit may be built
write(magento, moduleB('9.9.9') + [
    'ModuleC/composer.json': '{\n    "name": "itest/module-c",\n    "version": "9.9.9"\n}\n',
])
commitAndTag(magento, '2024-03-01T08:00:00+00:00', 'not-a-version')

// --- a plain library: the repository root is the package, composer.json has no version -------------------
def lib = new File(reposDir, 'lib')
lib.mkdirs()
git(lib, '2024-01-01T00:00:00+00:00', ['init', '-q'])
def libFiles = { String version -> [
    'composer.json': '''{
    "name": "itest/lib",
    "description": "A library without version in composer.json",
    "autoload": {
        "psr-4": { "ITest\\\\Lib\\\\": "src/" }
    }
}
''',
    'src/Lib.php'  : "<?php\n// lib ${version}\n".toString(),
]}
write(lib, libFiles('v1.0.0'))
commitAndTag(lib, '2023-12-01T10:00:00+00:00', 'v1.0.0')
write(lib, libFiles('1.1.0'))
commitAndTag(lib, '2024-01-05T10:00:00+00:00', '1.1.0')

true
