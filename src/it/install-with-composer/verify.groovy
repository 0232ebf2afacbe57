import groovy.json.JsonSlurper
import java.nio.file.Paths
import java.time.Instant
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.util.zip.ZipFile

// Expectations come from the git repositories setup.groovy made (tags, commit dates, file contents), never
// from the plugin's output.

def support = evaluate(new File(itCommon, 'support.groovy'))
def git = support.gitRead
def sha1 = support.sha1
def repoDir = new File(basedir, 'target/repository')
def reposDir = new File(basedir, 'repos')

def json = { File f ->
    assert f.isFile(): "missing ${f}"
    new JsonSlurper().parse(f, 'UTF-8')
}
def expand = support.expand
def p2 = { String name ->
    def file = json(new File(repoDir, "p2/${name}.json"))
    assert file.minified == 'composer/2.0'
    assert file.packages.keySet() == [name] as Set
    expand(file.packages[name])
}
def zipEntries = { File zip ->
    new ZipFile(zip).withCloseable { z -> z.entries().collect { it.name }.findAll { !it.endsWith('/') } as Set }
}
def zipText = { File zip, String entry ->
    new ZipFile(zip).withCloseable { z ->
        def e = z.getEntry(entry)
        assert e != null: "${zip.name} has no ${entry}"
        z.getInputStream(e).getText('UTF-8')
    }
}
def fileOf = { String url -> Paths.get(URI.create(url)).toFile() }
def utcTime = { File repo, String rev ->
    def epoch = git(repo, ['log', '-1', '--format=%ct', rev + '^{commit}']).trim() as long
    DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC).format(Instant.ofEpochSecond(epoch))
}
def magento = new File(reposDir, 'magento')
def lib = new File(reposDir, 'lib')

// --- packages.json -----------------------------------------------------------------------------------------
def repositoryUrl = 'file://' + repoDir.toPath().toAbsolutePath().normalize().toString() + '/'
def packagesJson = json(new File(repoDir, 'packages.json'))
assert packagesJson['metadata-url'] == repositoryUrl + 'p2/%package%.json'
assert packagesJson['metadata-url'].startsWith('file:///')
// .github/ and dev/ have no composer.json; ModuleC exists only at the tag that is no version
assert packagesJson['available-packages'] as Set == ['itest/lib', 'itest/module-a', 'itest/module-b', 'itest/product'] as Set
assert packagesJson['available-packages'].size() == 4

// --- p2 metadata and dists ---------------------------------------------------------------------------------
def expectedVersions = [
    'itest/module-a': ['1.0.0'],
    'itest/module-b': ['1.0.0', '1.0.1'],
    'itest/product' : ['1.0.0', '1.0.1'],
    'itest/lib'     : ['v1.0.0', '1.1.0'],
]
def byName = [:]
expectedVersions.each { name, versions ->
    def entries = p2(name)
    assert entries*.version as Set == versions as Set: "${name}: ${entries*.version}"
    assert entries.size() == versions.size()
    entries.each { assert it.name == name }
    byName[name] = entries.collectEntries { [(it.version): it] }
    // no dev versions were built
    def dev = json(new File(repoDir, "p2/${name}~dev.json"))
    assert dev.packages[name] == []
}
def dists = []
byName.each { name, versions ->
    versions.each { version, entry ->
        if (entry.type == 'metapackage') {
            assert entry.dist == null: "metapackage ${name} ${version} has a dist"
            return
        }
        assert entry.dist.type == 'zip'
        def shortName = name.substring(name.indexOf('/') + 1)
        assert entry.dist.url == repositoryUrl + "dist/${name}/${shortName}-${version}.zip"
        def zip = fileOf(entry.dist.url)
        assert zip.isFile(): "missing ${zip}"
        assert entry.dist.shasum == sha1(zip): "${name} ${version}: dist.shasum is not the sha1 of ${zip}"
        dists << zip
    }
}
assert dists.size() == 5
// nothing else was written to dist/: no metapackage zip, nothing from the tag that is no version
def allZips = []
new File(repoDir, 'dist').eachFileRecurse { if (it.isFile()) allZips << it }
assert allZips.collect { it.canonicalFile } as Set == dists.collect { it.canonicalFile } as Set
assert !new File(repoDir, 'dist/itest/product').exists()
assert !new File(repoDir, 'dist/itest/module-c').exists()
assert !new File(repoDir, 'p2/itest/module-c.json').exists()

// versions and their times
def moduleA = byName['itest/module-a']['1.0.0']
assert moduleA.version_normalized == '1.0.0.0'
assert moduleA.time == utcTime(magento, '1.0.0'): "module-a is built from tag 1.0.0"
assert moduleA.require == ['itest/lib': '^1.0']
assert moduleA.description == 'Module A'
assert byName['itest/module-b']['1.0.1'].time == utcTime(magento, '1.0.1')
assert byName['itest/module-b']['1.0.0'].time == utcTime(magento, '1.0.0')
assert byName['itest/product']['1.0.1'].type == 'metapackage'
assert byName['itest/product']['1.0.1'].require == ['itest/module-a': '1.0.0', 'itest/module-b': '1.0.1']
assert byName['itest/product']['1.0.0'].require == ['itest/module-a': '1.0.0', 'itest/module-b': '1.0.0']
assert byName['itest/lib']['v1.0.0'].version_normalized == '1.0.0.0'
assert byName['itest/lib']['v1.0.0'].time == utcTime(lib, 'v1.0.0')
assert byName['itest/lib']['1.1.0'].time == utcTime(lib, '1.1.0')

// --- zip contents -------------------------------------------------------------------------------------------
def moduleAZip = fileOf(moduleA.dist.url)
def treeAt = { File repo, String rev, String folder ->
    git(repo, ['ls-tree', '-r', '--name-only', rev + ':' + folder]).readLines().findAll { it } as Set
}
def moduleAFiles = treeAt(magento, '1.0.0', 'ModuleA')
assert moduleAFiles.contains('Test/Unit/ThingTest.php') && moduleAFiles.contains('docs/index.md')
assert zipEntries(moduleAZip) == moduleAFiles.findAll { !it.startsWith('Test/') && !it.startsWith('docs/') } as Set
// the file ModuleA changed at 1.0.1 without a new version is as of tag 1.0.0
assert zipText(moduleAZip, 'Model/Thing.php') == git(magento, ['show', '1.0.0:ModuleA/Model/Thing.php'])
def moduleAComposer = new JsonSlurper().parseText(zipText(moduleAZip, 'composer.json'))
assert moduleAComposer.version == '1.0.0'
assert moduleAComposer.name == 'itest/module-a'

def moduleB101 = fileOf(byName['itest/module-b']['1.0.1'].dist.url)
assert zipEntries(moduleB101) == treeAt(magento, '1.0.1', 'ModuleB')
assert new JsonSlurper().parseText(zipText(moduleB101, 'composer.json')).version == '1.0.1'
assert zipText(moduleB101, 'Block/View.php') == git(magento, ['show', '1.0.1:ModuleB/Block/View.php'])

['v1.0.0', '1.1.0'].each { tag ->
    def zip = new File(repoDir, "dist/itest/lib/lib-${tag}.zip")
    assert zip.isFile()
    assert zipEntries(zip) == treeAt(lib, tag, '')
    def composerJsonText = zipText(zip, 'composer.json')
    assert composerJsonText.contains('"version"'): "lib ${tag}: composer.json in the zip carries no version"
    def composerJson = new JsonSlurper().parseText(composerJsonText)
    assert composerJson.version == tag
    // the rest of composer.json is as in git
    def original = new JsonSlurper().parseText(git(lib, ['show', "${tag}:composer.json"]))
    assert composerJson.findAll { it.key != 'version' } == original
    assert zipText(zip, 'src/Lib.php') == git(lib, ['show', "${tag}:src/Lib.php"])
}

// --- the tag that is no version produced nothing -------------------------------------------------------------
def everything = []
repoDir.eachFileRecurse { if (it.isFile()) everything << it }
everything.each { f ->
    assert !f.name.contains('9.9.9') && !f.name.contains('not-a-version')
    if (f.name.endsWith('.json')) {
        assert !f.getText('UTF-8').contains('9.9.9'): "${f} mentions 9.9.9, the version at tag not-a-version"
        assert !f.getText('UTF-8').contains('module-c')
    }
}

// --- the real Composer installs the metapackage from the file:// repository ---------------------------------
def project = support.composerProject('itest/consumer', repositoryUrl)
def composer = { List<String> args -> support.composer(project, args) }
composer(['require', 'itest/product:1.0.1', '--no-audit', '--no-progress'])
// a second install from the lock file, into an empty vendor/
new File(project, 'vendor').deleteDir()
composer(['install', '--no-progress'])

def vendor = new File(project, 'vendor')
def installedModuleB = new JsonSlurper().parse(new File(vendor, 'itest/module-b/composer.json'))
assert installedModuleB.version == '1.0.1'
assert new File(vendor, 'itest/module-b/Block/View.php').text == git(magento, ['show', '1.0.1:ModuleB/Block/View.php'])
assert new File(vendor, 'itest/module-a/composer.json').isFile()
assert new File(vendor, 'itest/module-a/Model/Thing.php').text == git(magento, ['show', '1.0.0:ModuleA/Model/Thing.php'])
assert new File(vendor, 'itest/module-a/etc/module.xml').isFile()
assert !new File(vendor, 'itest/module-a/Test').exists()
assert !new File(vendor, 'itest/module-a/docs').exists()
assert new JsonSlurper().parse(new File(vendor, 'itest/lib/composer.json')).version == '1.1.0'
assert new File(vendor, 'itest/lib/src/Lib.php').text == git(lib, ['show', '1.1.0:src/Lib.php'])
// a metapackage installs nothing on disk
assert !new File(vendor, 'itest/product').exists()

def installed = new JsonSlurper().parse(new File(vendor, 'composer/installed.json'))
def installedVersions = installed.packages.collectEntries { [(it.name): it.version] }
assert installedVersions == ['itest/lib': '1.1.0', 'itest/module-a': '1.0.0', 'itest/module-b': '1.0.1', 'itest/product': '1.0.1']
installed.packages.findAll { it.type != 'metapackage' }.each {
    assert it.dist.url.startsWith(repositoryUrl): "${it.name} installed from ${it.dist.url}"
}
def lock = new JsonSlurper().parse(new File(project, 'composer.lock'))
assert lock.packages.collectEntries { [(it.name): it.version] } == installedVersions

true
