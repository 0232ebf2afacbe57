// With <strict>, a tag Composer skips fails the build (invoker.buildResult = failure). It must say where (source, tag, path), without a stack
// trace of the plugin's, and leave no repository behind.

def expectedMessage = "source 'broken-lib', tag '1.0.1', path 'composer.json': skipped, composer.json does not contain valid JSON: "

// Lines that betray a Java stack trace or exception: frames, "Caused by", and qualified exception class names.
def stackTraceLines = { String log ->
    log.readLines().findAll { line ->
        line =~ /^\s*at [\w$.\/]+\(/ ||
        line =~ /^\s*at [\w$.]+ \(/ ||
        line =~ /^\s*Caused by: / ||
        line =~ /\b(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error)\b/
    }
}

// --- the invoker's build: build.log ---------------------------------------------------------------------------
def buildLog = new File(basedir, 'build.log').getText('UTF-8')
assert buildLog.contains('BUILD FAILURE')
assert buildLog.contains(expectedMessage): "build.log does not name the source, tag and path:\n${buildLog}"
// the message says where in the file, in our words, without the JSON parser's internal location text
def messageLine = buildLog.readLines().find { it.contains(expectedMessage) }
assert messageLine =~ /\(line \d+, column \d+\)/: messageLine
assert !messageLine.contains('REDACTED') && !messageLine.contains('StreamReadFeature'): messageLine
// the invoker runs Maven with -e (showErrors), so Maven itself prints the exception after BUILD FAILURE;
// what the plugin logged while it ran must hold none
def pluginStart = buildLog.indexOf('--- mage-os-maven-plugin:')
def failure = buildLog.indexOf('BUILD FAILURE')
assert pluginStart >= 0 && pluginStart < failure
def pluginOutput = buildLog.substring(pluginStart, failure)
assert stackTraceLines(pluginOutput).isEmpty(): "the plugin logged a stack trace:\n${pluginOutput}"

// nothing was built: the plan is checked before any zip is written, and there is no packages.json
def repository = new File(basedir, 'target/repository')
assert !new File(repository, 'packages.json').exists()
def written = []
if (repository.exists()) {
    repository.eachFileRecurse { if (it.isFile()) written << it }
}
assert written.isEmpty(): "the failed build left files in target/repository: ${written}"

// --- the same build as a user runs it, without -e: one clean error, no stack trace, no exception names --------
def mavenHome = System.getProperty('maven.home')
assert mavenHome != null: 'maven.home is not set in the JVM running this script'
def mvn = new File(mavenHome, 'bin/mvn')
assert mvn.isFile(): "no Maven launcher at ${mvn}"
// the artifacts the invoker's build resolved are in its local repository, recorded as from repository
// 'local.central' (settings.xml); the same id here makes them resolvable again, with nothing to download
def localRepo = localRepositoryPath.absoluteFile
def settings = new File(basedir, 'target/rerun-settings.xml')
settings.setText("""<settings>
  <profiles><profile><id>it-repo</id>
    <activation><activeByDefault>true</activeByDefault></activation>
    <repositories><repository><id>local.central</id><url>${localRepo.toURI()}</url></repository></repositories>
    <pluginRepositories><pluginRepository><id>local.central</id><url>${localRepo.toURI()}</url></pluginRepository></pluginRepositories>
  </profile></profiles>
</settings>
""", 'UTF-8')
def cmd = [mvn.path, '-B', '-s', settings.path, "-Dmaven.repo.local=${localRepo}",
           "-Dmage-os.cacheDirectory=${new File(basedir, 'target/rerun-cache')}", 'package'].collect { it.toString() }
def pb = new ProcessBuilder(cmd).directory(basedir).redirectErrorStream(true)
['MAVEN_OPTS', 'MAVEN_ARGS', 'MAVEN_CONFIG'].each { pb.environment().remove(it) }
pb.environment().MAVEN_SKIP_RC = 'true'
def process = pb.start()
def output = process.inputStream.getText('UTF-8')
def rc = process.waitFor()
new File(basedir, 'target/rerun.log').setText(output, 'UTF-8')
assert rc != 0: "the build without -e succeeded:\n${output}"
assert output.contains('--- mage-os-maven-plugin:'): "the build without -e did not run the plugin:\n${output}"
def errorLines = output.readLines().findAll { it.startsWith('[ERROR]') && it.contains(expectedMessage) }
assert errorLines.size() == 1: "expected one [ERROR] line with \"${expectedMessage}\":\n${output}"
assert !errorLines[0].contains('Exception'): "the error names an exception: ${errorLines[0]}"
assert stackTraceLines(output).isEmpty(): "stack trace or exception class in the output of the build without -e:\n${output}"
// "Exception" appears only in the link to Maven's own help page for MojoFailureException
def exceptionLines = output.readLines().findAll { it.contains('Exception') && !it.contains('cwiki.apache.org') }
assert exceptionLines.isEmpty(): "exception names in the output of the build without -e:\n${exceptionLines.join('\n')}"
assert !new File(repository, 'packages.json').exists()

true
