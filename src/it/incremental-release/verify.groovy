import groovy.json.JsonSlurper

// published/ was written by release 1's deploy, then by release 2's, which knew release 1 only from published/.

def support = evaluate(new File(itCommon, 'support.groovy'))
def published = new File(basedir, 'published')
def built = new File(basedir, 'target/repository')
def publishedUrl = 'file://' + published.toPath().toAbsolutePath().normalize().toString() + '/'
def log = new File(basedir, 'build.log').getText('UTF-8')

// release 2 really had no release 1: its source has no tag 1.0.0 and its build folder no 1.0.0 zip of foo
assert support.gitRead(new File(basedir, 'repos/release2'), ['tag']).trim() == '1.1.0'
assert !new File(built, 'dist/incremental/foo/foo-1.0.0.zip').exists()
assert new File(built, 'dist/incremental/foo/foo-1.1.0.zip').isFile()

def p2 = { File repo, String name -> support.expand(new JsonSlurper().parse(new File(repo, "p2/${name}.json")).packages[name]) }

// the deployed index lists both releases
assert p2(published, 'incremental/foo')*.version == ['1.1.0', '1.0.0']
assert p2(published, 'incremental/bar')*.version == ['1.0.0']
p2(published, 'incremental/foo').each { v ->
    def zip = new File(published, "dist/incremental/foo/foo-${v.version}.zip")
    assert zip.isFile()
    assert v.dist.shasum == support.sha1(zip)
    assert v.dist.url == publishedUrl + "dist/incremental/foo/foo-${v.version}.zip"
}

// both releases install from published/ with the real Composer client
['1.0.0', '1.1.0'].each { version ->
    def project = support.composerProject('incremental/consumer', publishedUrl)
    support.composer(project, ['require', "incremental/foo:${version}", 'incremental/bar:1.0.0', '--no-audit', '--no-progress'])
    assert new File(project, 'vendor/incremental/foo/Foo.php').text == "<?php\n// foo ${version}\n"
}
true
