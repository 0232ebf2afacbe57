import groovy.json.JsonSlurper
import java.time.LocalDateTime
import java.util.zip.ZipFile

// Two builds of the same distribution (invoker.properties): target/repository (shared IT git cache, one worker,
// UTC) and target/second (fresh cache, four workers, Pacific/Chatham). Every file must be the same to the byte.

def support = evaluate(new File(itCommon, 'support.groovy'))
def files = support.files
def first = new File(basedir, 'target/repository')
def second = new File(basedir, 'target/second')


// both builds ran as configured
assert new File(first, 'packages.json').isFile(): 'the first build wrote no packages.json'
assert new File(second, 'packages.json').isFile(): 'the second build wrote no packages.json into target/second'
def otherCache = new File(basedir, 'target/other-cache')
assert otherCache.isDirectory(): 'the second build did not use its own git cache'
assert otherCache.list().findAll { it.endsWith('.git') }.collect { it.replaceFirst(/-[0-9a-f]+\.git$/, '') }.sort() == ['lib', 'modules']
def buildLog = new File(basedir, 'build.log').getText('UTF-8')
assert buildLog =~ /with 1 workers?\b/ && buildLog =~ /with 4 workers\b/: 'the two builds did not run with 1 and 4 workers'

// what the repositories of setup.groovy make: every version once, metapackages without zip, lib only >=1.1.0
// plus Composer 1's include file, named after its sha1
def includeFiles = new JsonSlurper().parse(new File(first, 'packages.json')).includes.keySet() as List
assert includeFiles.size() == 1 && includeFiles[0] ==~ /include\/all\$[0-9a-f]{40}\.json/
def expectedFiles = ([
    'dist/repro/alpha/alpha-2.0.0.zip',
    'dist/repro/alpha/alpha-2.0.1.zip',
    'dist/repro/beta/beta-1.0.0.zip',
    'dist/repro/lib/lib-1.1.0.zip',
    'dist/repro/lib/lib-1.2.0.zip',
    'index.html', 'packages.json',
    'p2/repro/alpha.json', 'p2/repro/alpha~dev.json',
    'p2/repro/beta.json', 'p2/repro/beta~dev.json',
    'p2/repro/lib.json', 'p2/repro/lib~dev.json',
    'p2/repro/meta.json', 'p2/repro/meta~dev.json',
    'mage-os-tags.json', // the record of the tags planned
] + includeFiles).sort()
assert files(first) == expectedFiles
assert files(second) == expectedFiles

// the same to the byte
def different = expectedFiles.findAll { !Arrays.equals(new File(first, it).bytes, new File(second, it).bytes) }
assert different.isEmpty(): "differ between the two builds: ${different}"

// the metadata is about the configured URL, and its shasums are those of the zips
def packagesJson = new JsonSlurper().parse(new File(first, 'packages.json'))
assert packagesJson['metadata-url'] == 'https://mirror.example.org/p2/%package%.json'
def shasums = [:]
['alpha', 'beta', 'lib'].each { name ->
    def p2 = new JsonSlurper().parse(new File(first, "p2/repro/${name}.json"))
    p2.packages["repro/${name}"].each { v ->
        if (v.dist) {
            shasums[v.dist.url] = v.dist.shasum
        }
    }
}
assert shasums.keySet() == expectedFiles.findAll { it.startsWith('dist/') }.collect { 'https://mirror.example.org/' + it } as Set
shasums.each { url, sha ->
    def zip = new File(first, url.substring('https://mirror.example.org/'.length()))
    assert sha == support.sha1(zip)
}

// what the zips hold: the tricky entries are there, and every entry has project.build.outputTimestamp's UTC fields
def timestamp = LocalDateTime.of(2024, 6, 30, 23, 30, 0)
expectedFiles.findAll { it.endsWith('.zip') }.each { path ->
    [first, second].each { root ->
        new ZipFile(new File(root, path)).withCloseable { zip ->
            zip.entries().each { e ->
                assert e.timeLocal == timestamp: "${root.name}/${path}: ${e.name} has time ${e.timeLocal}"
            }
        }
    }
}
new ZipFile(new File(first, 'dist/repro/alpha/alpha-2.0.1.zip')).withCloseable { zip ->
    def names = zip.entries().collect { it.name }
    ['bin/tool', 'link-to-readme', 'i18n/Übersetzung_de.csv', 'src/Deep/Er/Class.php', 'big.txt', 'composer.json'].each {
        assert names.contains(it): "alpha-2.0.1.zip has no ${it}: ${names}"
    }
    assert !names.any { it.startsWith('tests/') || it.startsWith('build/') || it.endsWith('.dist') }
}

true
