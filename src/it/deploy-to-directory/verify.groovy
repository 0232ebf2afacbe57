import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import java.nio.file.Files
import java.nio.file.Paths

// mvn deploy copied target/repository to target/published (<deployUrl>), whose URL the metadata names
// (<repositoryUrl>); Composer installs from there.

def built = new File(basedir, 'target/repository')
def published = new File(basedir, 'target/published')
def publishedUrl = 'file://' + published.toPath().toAbsolutePath().normalize().toString() + '/'

def files = { File root ->
    def list = []
    root.eachFileRecurse { if (it.isFile()) list << root.toPath().relativize(it.toPath()).toString().replace('\\', '/') }
    list.sort()
}

assert new File(basedir, 'build.log').getText('UTF-8') =~ /--- mage-os-maven-plugin:[^:]+:deploy \(default-deploy\)/
assert published.isDirectory(): "<deployUrl>\${project.baseUri}target/published/</deployUrl> did not publish to ${published}"

// the published folder holds exactly what was built, to the byte
def expected = [
    'dist/deploy/bar/bar-1.0.0.zip',
    'dist/deploy/foo/foo-1.0.0.zip',
    'dist/deploy/foo/foo-1.1.0.zip',
    'p2/deploy/bar.json', 'p2/deploy/bar~dev.json',
    'p2/deploy/foo.json', 'p2/deploy/foo~dev.json',
    'packages.json',
].sort()
assert files(built) == expected
assert files(published) == expected
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
        assert v.dist.shasum == java.security.MessageDigest.getInstance('SHA-1').digest(zip.bytes).encodeHex().toString()
    }
}

// --- Composer installs from the published folder; target/repository is moved away meanwhile ----------------
def work = new File(basedir, 'target/composer-install')
work.deleteDir()
def project = new File(work, 'project')
def composerHome = new File(work, 'home')
project.mkdirs()
composerHome.mkdirs()
def composer = { List<String> args ->
    def pb = new ProcessBuilder((['composer'] + args + ['--no-interaction', '--no-ansi']).collect { it.toString() }).directory(project).redirectErrorStream(true)
    def env = pb.environment()
    ['COMPOSER', 'COMPOSER_AUTH', 'COMPOSER_VENDOR_DIR', 'COMPOSER_BIN_DIR', 'COMPOSER_MIRROR_PATH_REPOS'].each { env.remove(it) }
    env.COMPOSER_HOME = composerHome.absolutePath
    env.COMPOSER_CACHE_DIR = new File(composerHome, 'cache').absolutePath
    env.COMPOSER_NO_INTERACTION = '1'
    env.COMPOSER_ALLOW_SUPERUSER = '1'
    def p
    try {
        p = pb.start()
    } catch (IOException e) {
        throw new AssertionError('This test needs the Composer client: install composer php-cli php-zip unzip (' + e.message + ')')
    }
    def out = p.inputStream.getText('UTF-8')
    def rc = p.waitFor()
    println "composer ${args.join(' ')}:\n${out}"
    assert rc == 0: "composer ${args.join(' ')} exited with ${rc}:\n${out}"
    out
}
new File(project, 'composer.json').setText(JsonOutput.prettyPrint(JsonOutput.toJson([
    name        : 'deploy/consumer',
    type        : 'project',
    repositories: [[type: 'composer', url: publishedUrl], ['packagist.org': false]],
    require     : [:],
    config      : [platform: [php: '8.2.0'], 'allow-plugins': false],
])), 'UTF-8')
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
