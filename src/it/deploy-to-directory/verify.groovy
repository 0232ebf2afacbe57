import groovy.json.JsonSlurper
import java.nio.file.Files
import java.nio.file.Paths

// mvn deploy copied target/repository to target/published (<deployUrl>), whose URL the metadata names
// (<repositoryUrl>); Composer installs from there.

def support = evaluate(new File(itCommon, 'support.groovy'))
def files = support.files
def built = new File(basedir, 'target/repository')
def published = new File(basedir, 'target/published')
def publishedUrl = 'file://' + published.toPath().toAbsolutePath().normalize().toString() + '/'


assert new File(basedir, 'build.log').getText('UTF-8') =~ /--- mage-os-maven-plugin:[^:]+:deploy \(default-deploy\)/
assert published.isDirectory(): "<deployUrl>\${project.baseUri}target/published/</deployUrl> did not publish to ${published}"

// the published folder holds exactly what was built, to the byte
// plus Composer 1's include file, named after its sha1
def includeFiles = new JsonSlurper().parse(new File(built, 'packages.json')).includes.keySet() as List
assert includeFiles.size() == 1 && includeFiles[0] ==~ /include\/all\$[0-9a-f]{40}\.json/
def expected = ([
    'dist/deploy/bar/bar-1.0.0.zip',
    'dist/deploy/foo/foo-1.0.0.zip',
    'dist/deploy/foo/foo-1.1.0.zip',
    'p2/deploy/bar.json', 'p2/deploy/bar~dev.json',
    'p2/deploy/foo.json', 'p2/deploy/foo~dev.json',
    'index.html', 'packages.json',
    'mage-os-tags.json', // the record of the tags planned
] + includeFiles).sort()
assert files(built) == expected
// and the deploy lock, an OS lock on a file that stays (empty once released)
assert files(published) == (expected + ['.mage-os-deploy.lock']).sort()
assert new File(published, '.mage-os-deploy.lock').length() == 0
expected.each {
    assert Arrays.equals(new File(built, it).bytes, new File(published, it).bytes): "${it} differs between target/repository and target/published"
}

// the metadata points to the published folder, and what it points to is there
def packagesJson = new JsonSlurper().parse(new File(published, 'packages.json'))
assert packagesJson['metadata-url'] == publishedUrl + 'p2/%package%.json'
['deploy/foo': ['1.0.0', '1.1.0'], 'deploy/bar': ['1.0.0']].each { name, versions ->
    def entries = new JsonSlurper().parse(new File(published, "p2/${name}.json")).packages[name]
    assert entries*.version as Set == versions as Set
    entries.each { v ->
        assert v.dist.url.startsWith(publishedUrl)
        def zip = Paths.get(URI.create(v.dist.url)).toFile()
        assert zip.isFile()
        assert v.dist.shasum == support.sha1(zip)
    }
}

// --- Composer installs from the published folder; target/repository is moved away meanwhile ----------------
def project = support.composerProject('deploy/consumer', publishedUrl)
def composer = { List<String> args -> support.composer(project, args) }
def hidden = new File(basedir, 'target/repository.hidden')
Files.move(built.toPath(), hidden.toPath())
try {
    composer(['require', 'deploy/bar:1.0.0', '--no-audit', '--no-progress'])
} finally {
    Files.move(hidden.toPath(), built.toPath())
}
def vendor = new File(project, 'vendor')
assert new File(vendor, 'deploy/foo/Foo.php').text == '<?php\n// foo 1.1.0\n'
assert new File(vendor, 'deploy/bar/Bar.php').isFile()
def installed = new JsonSlurper().parse(new File(vendor, 'composer/installed.json')).packages
assert installed.collectEntries { [(it.name): it.version] } == ['deploy/bar': '1.0.0', 'deploy/foo': '1.1.0']
installed.each { assert it.dist.url.startsWith(publishedUrl) }

true
