// Creates repos/magento: tag 1.0.0 on main, then a develop branch with changes after it (a changed file, a
// module never released, stale requirements). Fixed dates, so every run makes the same commits.

def support = evaluate(new File(itCommon, 'support.groovy'))
def reposDir = support.freshWorkspace()
def git = support.git
def write = support.write

def magento = new File(reposDir, 'magento')
magento.mkdirs()
git(magento, '2026-11-01T00:00:00+00:00', ['init', '-q'])

def module = { String folder, String name, String version, Map require, String code -> [
    ("${folder}/composer.json".toString()): groovy.json.JsonOutput.prettyPrint(groovy.json.JsonOutput.toJson(
            [name: name, version: version, require: require, autoload: ['psr-4': [("ITest\\${folder}\\".toString()): '']]])) + '\n',
    ("${folder}/Model/Thing.php".toString()): code,
]}

write(magento, module('ModuleA', 'itest/module-a', '1.0.0', ['itest/module-b': '^2.1'], '<?php\n// module-a 1.0.0\n')
        + module('ModuleB', 'itest/module-b', '2.1.3', [:], '<?php\n// module-b 2.1.3\n')
        + ['_metapackage/composer.json': '''{
    "name": "itest/product",
    "type": "metapackage",
    "version": "1.0.0",
    "require": {
        "itest/module-a": "1.0.0",
        "itest/module-b": "2.1.3"
    }
}
'''])
support.commitAndTag(magento, '2026-11-02T10:00:00+00:00', '1.0.0')

git(magento, null, ['checkout', '-q', '-b', 'develop'])
// develop: module-a changes code and requires the new module-c; composer.json versions are left as they were
write(magento, module('ModuleA', 'itest/module-a', '1.0.0', ['itest/module-b': '^2.1', 'itest/module-c': '*'],
        '<?php\n// module-a on develop\n')
        + module('ModuleC', 'itest/module-c', '1.0.0-dev', [:], '<?php\n// module-c, never released\n')
        + ['_metapackage/composer.json': '''{
    "name": "itest/product",
    "type": "metapackage",
    "version": "1.0.0",
    "require": {
        "itest/module-a": "1.0.0",
        "itest/module-b": "2.1.3",
        "itest/module-c": "1.0.0-dev"
    }
}
'''])
git(magento, '2026-11-10T10:00:00+00:00', ['add', '-A'])
git(magento, '2026-11-10T10:00:00+00:00', ['commit', '-q', '-m', 'develop work'])
// the work tree is back on main: the branch is read from git, not from the checkout
git(magento, null, ['checkout', '-q', 'main'])

// run 5: a repository that already serves a release of module-b at the version night 2026-11-24 would give it
// (2.1.3.1-alpha20261124 normalizes as 2.1.3.1-a20261124 does), written as a client reads it
write(new File(reposDir, 'release-repo'), [
    'packages.json': '{"packages": [], "metadata-url": "/p2/%package%.json", "available-packages": ["itest/module-b"]}\n',
    'p2/itest/module-b.json': '{"packages": {"itest/module-b": [{"name": "itest/module-b", "version": "2.1.3.1-alpha20261124"}]}}\n',
])
true
