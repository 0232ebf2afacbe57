import groovy.json.JsonSlurper
import java.nio.file.Paths
import java.util.zip.ZipFile

// Expectations come from setup.groovy's repository (tag 1.0.0, the develop head) and the build date set on the
// command line (invoker.properties), never from the plugin's output.

def support = evaluate(new File(itCommon, 'support.groovy'))
def git = support.gitRead
def magento = new File(basedir, 'repos/magento')
def repoDir = new File(basedir, 'target/repository')
def repositoryUrl = 'file://' + repoDir.toPath().toAbsolutePath().normalize().toString() + '/'

// composer/metadata-minifier's expand
def p2 = { String name ->
    def file = new JsonSlurper().parse(new File(repoDir, "p2/${name}.json"), 'UTF-8')
    def expanded = []
    Map last = null
    file.packages[name].each { Map v ->
        last = last == null ? new LinkedHashMap(v) : new LinkedHashMap(last)
        v.each { k, val -> if (val == '__unset') last.remove(k) else last[k] = val }
        expanded << last
    }
    expanded.collectEntries { [(it.version): it] }
}
def zipText = { String url, String entry ->
    new ZipFile(Paths.get(URI.create(url)).toFile()).withCloseable { z -> z.getInputStream(z.getEntry(entry)).getText('UTF-8') }
}

def a = p2('itest/module-a')
def b = p2('itest/module-b')
def c = p2('itest/module-c')
def product = p2('itest/product')
// releases of tag 1.0.0 and the develop head's nightlies: released version, 4th part + 1, -a<build date>
assert a.keySet() == ['1.0.0', '1.0.0.1-a20261121'] as Set
assert b.keySet() == ['2.1.3', '2.1.3.1-a20261121'] as Set
// never released: 0.0.1.1
assert c.keySet() == ['0.0.1.1-a20261121'] as Set
assert product.keySet() == ['1.0.0', '1.0.0.1-a20261121'] as Set

// the release is as tagged
assert a['1.0.0'].require == ['itest/module-b': '^2.1']
assert zipText(a['1.0.0'].dist.url, 'Model/Thing.php') == git(magento, ['show', '1.0.0:ModuleA/Model/Thing.php'])
// the nightlies are the develop head, with every first-party requirement pinned to this night's versions
def nightlyA = a['1.0.0.1-a20261121']
assert nightlyA.require == ['itest/module-b': '2.1.3.1-a20261121', 'itest/module-c': '0.0.1.1-a20261121']
assert product['1.0.0.1-a20261121'].require ==
        ['itest/module-a': '1.0.0.1-a20261121', 'itest/module-b': '2.1.3.1-a20261121', 'itest/module-c': '0.0.1.1-a20261121']
assert zipText(nightlyA.dist.url, 'Model/Thing.php') == git(magento, ['show', 'develop:ModuleA/Model/Thing.php'])
def zipped = new JsonSlurper().parseText(zipText(nightlyA.dist.url, 'composer.json'))
assert zipped.version == '1.0.0.1-a20261121'
assert zipped.require == nightlyA.require
def developTime = git(magento, ['log', '-1', '--format=%cI', 'develop']).trim()
assert java.time.OffsetDateTime.parse(nightlyA.time).toInstant() == java.time.OffsetDateTime.parse(developTime).toInstant()

// the real Composer installs the nightly metapackage, with its modules at the nightly versions
def project = support.composerProject('itest/consumer', repositoryUrl)
def composer = { List<String> args -> support.composer(project, args) }
composer(['config', 'minimum-stability', 'alpha'])
composer(['require', 'itest/product:1.0.0.1-a20261121', '--no-audit', '--no-progress'])
def installed = new JsonSlurper().parse(new File(project, 'vendor/composer/installed.json'))
assert installed.packages.collectEntries { [(it.name): it.version] } == ['itest/module-a': '1.0.0.1-a20261121',
        'itest/module-b': '2.1.3.1-a20261121', 'itest/module-c': '0.0.1.1-a20261121', 'itest/product': '1.0.0.1-a20261121']
assert new File(project, 'vendor/itest/module-a/Model/Thing.php').text == git(magento, ['show', 'develop:ModuleA/Model/Thing.php'])
assert new File(project, 'vendor/itest/module-c/Model/Thing.php').isFile()
true
