import java.time.LocalDateTime
import java.util.zip.ZipFile

// Three builds (invoker.properties): the first writes the zips; the second, with another entry timestamp, keeps
// them as the output already serves them; the third, forced, rebuilds them with the new timestamp.

def buildLog = new File(basedir, 'build.log').getText('UTF-8')
def reports = buildLog.readLines().findAll { it.contains('[INFO] modules: ') && it.contains('metapackages') }
assert reports.size() == 3: "one report per build: ${reports}"
assert reports[0] =~ /modules: (2 zips built, 0 restored from the build cache|0 zips built, 2 restored from the build cache)/
assert reports[1].endsWith('modules: up-to-date (2 zips up-to-date, 0 metapackages)'): reports[1]
assert reports[2].endsWith('modules: 2 zips built, 0 restored from the build cache, 0 metapackages'): reports[2]

def repository = new File(basedir, 'target/repository')
['dist/once/a/a-1.0.0.zip', 'dist/once/b/b-2.0.0.zip'].each { path ->
    new ZipFile(new File(repository, path)).withCloseable { zip ->
        zip.entries().each { e ->
            assert e.timeLocal == LocalDateTime.of(2030, 1, 1, 0, 0): "${path}: ${e.name} was not rebuilt by the forced build"
        }
    }
}
true
