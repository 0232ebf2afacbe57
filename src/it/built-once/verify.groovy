import java.time.LocalDateTime
import javax.xml.parsers.DocumentBuilderFactory
import java.util.zip.ZipFile

// Three builds (invoker.properties): the first writes the zips; the second, with another entry timestamp, keeps
// them as the output already serves them; the third, forced, rebuilds them with the new timestamp.

def buildLog = new File(basedir, 'build.log').getText('UTF-8')
def reports = buildLog.readLines().findAll { it.contains('[INFO] modules: ') && it.contains('metapackages') }
assert reports.size() == 3: "one report per build: ${reports}"
assert reports[0] =~ /modules: (2 zips built, 0 restored from the build cache|0 zips built, 2 restored from the build cache)/
assert reports[1].endsWith('modules: up-to-date (2 zips up-to-date, 0 metapackages)'): reports[1]
assert reports[2].endsWith('modules: 2 zips built, 0 restored from the build cache, 0 metapackages'): reports[2]
// the same configuration: keeping a version warns of nothing (no composer.json "type" is Composer's "library")
def warnings = buildLog.readLines().findAll { it.startsWith('[WARNING]') }
assert warnings.isEmpty(): "a clean build log: ${warnings}"

def repository = new File(basedir, 'target/repository')
['dist/once/a/a-1.0.0.zip', 'dist/once/b/b-2.0.0.zip'].each { path ->
    new ZipFile(new File(repository, path)).withCloseable { zip ->
        zip.entries().each { e ->
            assert e.timeLocal == LocalDateTime.of(2030, 1, 1, 0, 0): "${path}: ${e.name} was not rebuilt by the forced build"
        }
    }
}

// The plugin is one jar with its libraries inside (maven-shade-plugin): Maven loads it as a build extension on every
// run, so its installed POM must declare nothing Maven would resolve then (only provided and test scopes), and the
// jar must carry no signature files (JGit's jars are signed: the JVM would verify every class it loads from them).
def pluginDir = new File(localRepositoryPath, 'org/mage-os/mage-os-maven-plugin').listFiles().find { it.isDirectory() }
def installedPom = pluginDir.listFiles().find { it.name.endsWith('.pom') }
def dependencies = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(installedPom).getElementsByTagName('dependency')
def resolvedEachRun = (0..<dependencies.length).collect { dependencies.item(it) }.findAll { d ->
    def scope = d.getElementsByTagName('scope')
    !(scope.length > 0 && scope.item(0).textContent in ['provided', 'test'])
}.collect { it.getElementsByTagName('artifactId').item(0).textContent }
assert resolvedEachRun.isEmpty(): "${installedPom} declares dependencies Maven resolves on every run: ${resolvedEachRun}"
def pluginJar = pluginDir.listFiles().find { it.name.endsWith('.jar') }
new ZipFile(pluginJar).withCloseable { zip ->
    def names = zip.entries().collect { it.name }
    def signatures = names.findAll { it ==~ /META-INF\/[^\/]+\.(SF|RSA|DSA|EC)/ }
    assert signatures.isEmpty(): "${pluginJar} carries signature files: ${signatures}"
    ['org/eclipse/jgit/api/Git.class', 'com/fasterxml/jackson/databind/ObjectMapper.class',
     'software/amazon/awssdk/services/s3/S3Client.class', 'org/apache/sshd/sftp/client/SftpClient.class'].each {
        assert it in names: "${pluginJar} lacks ${it}"
    }
}
true
