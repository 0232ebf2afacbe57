import groovy.json.JsonSlurper
import java.nio.file.Paths
import java.time.OffsetDateTime
import java.util.zip.ZipFile

// Expectations come from setup.groovy's repository (tag 1.0.0, the develop head) and the build dates set on the
// command lines (invoker.properties), never from the plugin's output.

def support = evaluate(new File(itCommon, 'support.groovy'))
def git = support.gitRead
def magento = new File(basedir, 'repos/magento')
def published = new File(basedir, 'published')      // after nights 1 and 2
def night3 = new File(basedir, 'target/repository') // night 3, not deployed
def publishedUrl = 'file://' + published.toPath().toAbsolutePath().normalize().toString() + '/'

def p2 = { File repoDir, String name ->
    def file = new JsonSlurper().parse(new File(repoDir, "p2/${name}.json"), 'UTF-8')
    support.expand(file.packages[name]).collectEntries { [(it.version): it] }
}
def zipOf = { String url -> Paths.get(URI.create(url)).toFile() }
def zipText = { String url, String entry ->
    new ZipFile(zipOf(url)).withCloseable { z -> z.getInputStream(z.getEntry(entry)).getText('UTF-8') }
}

// the version scheme: the version at the latest tag (1.0.0, 2.1.3; none for module-c), 4th part + 1, -a<date>
def nightly = { String date -> [
    'itest/module-a': "1.0.0.1-a${date}".toString(),
    'itest/module-b': "2.1.3.1-a${date}".toString(),
    'itest/module-c': "0.0.1.1-a${date}".toString(),
    'itest/product' : "1.0.0.1-a${date}".toString(),
]}
def released = ['itest/module-a': '1.0.0', 'itest/module-b': '2.1.3', 'itest/product': '1.0.0']
// <generatedPackages>: the scheme applied to the release version of the latest tag, 1.0.0
def edition = { String date -> "1.0.0.1-a${date}".toString() }
def generatedNames = ['itest/product-community-edition', 'itest/project-community-edition']
def developTime = OffsetDateTime.parse(git(magento, ['log', '-1', '--format=%cI', 'develop']).trim()).toInstant()
def developThing = git(magento, ['show', 'develop:ModuleA/Model/Thing.php'])

// --- published/: the release and the nightlies of both nights ------------------------------------------------
def nights = ['20261121', '20261122']
nightly('x').keySet().each { name ->
    def versions = p2(published, name)
    def expected = (released[name] ? [released[name]] : []) + nights.collect { nightly(it)[name] }
    assert versions.keySet() == expected as Set: "${name}: ${versions.keySet()}"
}
def a = p2(published, 'itest/module-a')
assert a['1.0.0'].require == ['itest/module-b': '^2.1']
assert zipText(a['1.0.0'].dist.url, 'Model/Thing.php') == git(magento, ['show', '1.0.0:ModuleA/Model/Thing.php'])
nights.each { date ->
    def n = nightly(date)
    def nightlyA = a[n['itest/module-a']]
    // every first-party requirement is pinned to the same night's version
    assert nightlyA.require == ['itest/module-b': n['itest/module-b'], 'itest/module-c': n['itest/module-c']]
    assert p2(published, 'itest/product')[n['itest/product']].require == n.findAll { it.key != 'itest/product' }
    assert zipText(nightlyA.dist.url, 'Model/Thing.php') == developThing
    def zipped = new JsonSlurper().parseText(zipText(nightlyA.dist.url, 'composer.json'))
    assert zipped.version == n['itest/module-a']
    assert zipped.require == nightlyA.require
    assert OffsetDateTime.parse(nightlyA.time).toInstant() == developTime
    generatedNames.each { name -> assert p2(published, name).keySet() == ['1.0.0'] + nights.collect { edition(it) } as Set: name }
    // the night's product requires every package of the night at its exact version, nothing of the release
    assert p2(published, 'itest/product-community-edition')[edition(date)].require == n
    def project = p2(published, 'itest/project-community-edition')[edition(date)]
    assert project.require == ['itest/product-community-edition': edition(date)]
    assert new JsonSlurper().parseText(zipText(project.dist.url, 'composer.json'))['minimum-stability'] == 'alpha'
}
assert p2(published, 'itest/product-community-edition')['1.0.0'].require == released

// --- night 3 with <nightlyRetentionDays>1: night 1 is dropped from the index, its zips stay --------------------
['20261122', '20261123'].each { date -> nightly(date).each { name, version -> assert p2(night3, name).containsKey(version) } }
nightly('20261121').each { name, version ->
    assert !p2(night3, name).containsKey(version): "${name} ${version} is older than the retention"
    def entry = p2(published, name)[version]
    if (entry.dist) {
        assert zipOf(entry.dist.url).isFile()
    }
}
released.each { name, version -> assert p2(night3, name).containsKey(version): "a release is never dropped: ${name}" }
def log = new File(basedir, 'build.log').getText('UTF-8')
nightly('20261121').each { name, version -> assert log.contains("Nightly ${name} ${version} of 2026-11-21 is older than 1 days") }
assert !log.contains('a20261122 of 2026-11-22 is older')

// --- the real Composer installs a nightly metapackage with its modules at that night's versions ----------------
def project = support.composerProject('itest/consumer', publishedUrl)
def composer = { List<String> args -> support.composer(project, args) }
composer(['config', 'minimum-stability', 'alpha'])
composer(['require', 'itest/product:' + nightly('20261121')['itest/product'], '--no-audit', '--no-progress'])
def installed = { -> new JsonSlurper().parse(new File(project, 'vendor/composer/installed.json')).packages.collectEntries { [(it.name): it.version] } }
assert installed() == nightly('20261121')
assert new File(project, 'vendor/itest/module-a/Model/Thing.php').text == developThing
assert new File(project, 'vendor/itest/module-c/Model/Thing.php').text == git(magento, ['show', 'develop:ModuleC/Model/Thing.php'])
composer(['require', 'itest/product:' + nightly('20261122')['itest/product'], '--no-audit', '--no-progress', '--update-with-all-dependencies'])
assert installed() == nightly('20261122')

// --- composer create-project of a night's project template installs that night, nothing else -------------------
def work = new File(basedir, 'target/composer-install/create-project')
work.mkdirs()
support.composer(work, ['create-project', "--repository={\"type\": \"composer\", \"url\": \"${publishedUrl}\"}", '--no-install',
                        '--no-progress', 'itest/project-community-edition', 'shop', edition('20261121')])
def shop = new File(work, 'shop')
support.composer(shop, ['config', 'repo.packagist', 'false'])
support.composer(shop, ['install', '--no-progress'])
def shopInstalled = new JsonSlurper().parse(new File(shop, 'vendor/composer/installed.json')).packages.collectEntries { [(it.name): it.version] }
assert shopInstalled == nightly('20261121') + ['itest/product-community-edition': edition('20261121')]
assert new File(shop, 'vendor/itest/module-a/Model/Thing.php').text == developThing

// --- run 4, <nightlyVersions>branch</nightlyVersions>: Composer's branch versions, the commit as reference ------
def branchRepo = new File(basedir, 'target/branch-scheme')
def developCommit = git(magento, ['rev-parse', 'develop']).trim()
def dev = ['itest/module-a', 'itest/module-b', 'itest/module-c', 'itest/product'].collectEntries { [(it): 'dev-develop'] }
dev.each { name, version ->
    def devFile = new JsonSlurper().parse(new File(branchRepo, "p2/${name}~dev.json"), 'UTF-8')
    assert devFile.packages[name]*.version == ['dev-develop']
    assert !p2(branchRepo, name).keySet().any { it.contains('-a2026') }: "no date scheme nightly in run 4"
}
def devA = new JsonSlurper().parse(new File(branchRepo, 'p2/itest/module-a~dev.json'), 'UTF-8').packages['itest/module-a'][0]
assert devA.require == ['itest/module-b': 'dev-develop', 'itest/module-c': 'dev-develop']
assert devA.dist.reference == developCommit
assert devA.dist.url.contains(developCommit.substring(0, 12)): "each commit of a branch gets a zip of its own"
def devEdition = new JsonSlurper().parse(new File(branchRepo, 'p2/itest/product-community-edition~dev.json'), 'UTF-8')
        .packages['itest/product-community-edition']
assert devEdition*.version == ['dev-develop'] && devEdition[0].require == dev
def devProject = support.composerProject('itest/consumer', 'file://' + branchRepo.toPath().toAbsolutePath().normalize() + '/')
composer = { List<String> args -> support.composer(devProject, args) }
composer(['config', 'minimum-stability', 'dev'])
composer(['require', 'itest/product:dev-develop', '--no-audit', '--no-progress'])
def devInstalled = new JsonSlurper().parse(new File(devProject, 'vendor/composer/installed.json')).packages
assert devInstalled.collectEntries { [(it.name): it.version] } == dev
assert devInstalled.find { it.name == 'itest/module-a' }.dist.reference == developCommit
assert new File(devProject, 'vendor/itest/module-a/Model/Thing.php').text == developThing

// --- run 5: a nightly never overwrites a release another build published ------------------------------------------
def releaseRepo = new File(basedir, 'repos/release-repo').toPath().toAbsolutePath().normalize().toUri().toString()
assert log.contains("source 'magento', branch 'develop', path 'ModuleB/composer.json': the nightly version itest/module-b "
        + "2.1.3.1-a20261124 is already published as release 2.1.3.1-alpha20261124 at ${releaseRepo}")
def run5 = new File(basedir, 'target/run5')
assert !run5.exists() || support.files(run5).isEmpty(): "nothing written: ${support.files(run5)}"
true
