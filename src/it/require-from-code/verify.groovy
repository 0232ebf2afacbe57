import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import java.nio.file.Paths
import java.util.zip.ZipFile

// Expectations come from setup.groovy's repository (what the base's code uses, the modules' versions), the
// project's composer.json (php, ext-json) and the POM (<namespaces>, the nightly date), never from the plugin's output.

def support = evaluate(new File(itCommon, 'support.groovy'))
def repoDir = new File(basedir, 'target/repository')
def p2 = { String name ->
    def file = new JsonSlurper().parse(new File(repoDir, "p2/${name}.json"), 'UTF-8')
    support.expand(file.packages[name]).collectEntries { [(it.version): it] }
}
def zipText = { String url, String entry ->
    new ZipFile(Paths.get(URI.create(url)).toFile()).withCloseable { z -> z.getInputStream(z.getEntry(entry)).getText('UTF-8') }
}

def night = '1.0.0.1-a20261121'
// platform packages first, then names, as `composer config sort-packages true` orders them: module-a for a class and a
// function of its autoload files, module-b through di.xml, module-e only through a RequireJS id of its JavaScript and
// module-f only through a template id of its layout XML (each by the module name it registers), thirdparty/logger at its <constraint>; itest/module-unused,
// which the project's composer.json required, is dropped; PHPUnit (only in dev/tests) does not count
def expected = [
    '1.0.0': [php: '>=8.1', 'ext-json': '*', 'itest/module-a': '1.0.0', 'itest/module-b': '2.0.0', 'itest/module-e': '1.1.0',
              'itest/module-f': '1.2.0', 'thirdparty/logger': '^3.0'],
    (night): [php: '>=8.1', 'ext-json': '*', 'itest/module-a': '1.0.0.1-a20261121', 'itest/module-b': '2.0.0.1-a20261121',
              'itest/module-c': '0.0.1.1-a20261121', 'itest/module-e': '1.1.0.1-a20261121', 'itest/module-f': '1.2.0.1-a20261121',
              'thirdparty/logger': '^3.0'],
]
def base = p2('itest/base')
expected.each { version, require ->
    def entry = base[version]
    assert entry != null: "itest/base ${version} in ${base.keySet()}"
    assert entry.require == require
    assert (entry.require.keySet() as List) == (require.keySet() as List): "sorted: ${entry.require.keySet()}"
    // the zip's composer.json is the metadata's, in the same order
    def zipped = new JsonSlurper().parseText(zipText(entry.dist.url, 'composer.json'))
    assert (zipped.require.keySet() as List) == (require.keySet() as List)
    assert zipped.require == require
}
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('itest/base requires what its code uses') && log.contains('dropped itest/module-unused')

// --- the real Composer installs the base with what its code needs, and a third-party package from a path repository
def thirdParty = new File(basedir, 'target/thirdparty/logger')
thirdParty.mkdirs()
new File(thirdParty, 'composer.json').setText(JsonOutput.toJson([name: 'thirdparty/logger', version: '3.1.0',
        autoload: ['psr-4': ['ThirdParty\\Logger\\': 'src/']]]), 'UTF-8')
def project = support.composerProject('itest/consumer', 'file://' + repoDir.toPath().toAbsolutePath().normalize() + '/')
def composer = { List<String> args -> support.composer(project, args) }
composer(['config', 'repositories.thirdparty', JsonOutput.toJson([type: 'path', url: thirdParty.absolutePath, options: [symlink: false]])])
def installed = { -> new JsonSlurper().parse(new File(project, 'vendor/composer/installed.json')).packages.collectEntries { [(it.name): it.version] } }

composer(['require', 'itest/base:1.0.0', '--no-audit', '--no-progress'])
assert installed() == ['itest/base': '1.0.0', 'itest/module-a': '1.0.0', 'itest/module-b': '2.0.0', 'itest/module-e': '1.1.0',
                       'itest/module-f': '1.2.0', 'thirdparty/logger': '3.1.0']
assert new File(project, 'vendor/itest/base/setup/src/Installer.php').isFile()

composer(['config', 'minimum-stability', 'alpha'])
composer(['require', "itest/base:${night}", '--no-audit', '--no-progress', '--update-with-all-dependencies'])
assert installed() == ['itest/base': night, 'itest/module-a': '1.0.0.1-a20261121', 'itest/module-b': '2.0.0.1-a20261121',
                       'itest/module-c': '0.0.1.1-a20261121', 'itest/module-e': '1.1.0.1-a20261121', 'itest/module-f': '1.2.0.1-a20261121',
                       'thirdparty/logger': '3.1.0']
true
