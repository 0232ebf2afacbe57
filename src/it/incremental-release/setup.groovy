// repos/release1 has tag 1.0.0; repos/release2 is another repository with tag 1.1.0 only, in which
// incremental/bar is still 1.0.0 with the same files (rebuilt to the same bytes) and incremental/foo is 1.1.0.

def support = evaluate(new File(itCommon, 'support.groovy'))
def reposDir = support.freshWorkspace()
new File(basedir, 'published').deleteDir()

def files = { String fooVersion -> [
    'Foo/composer.json': """{
    "name": "incremental/foo",
    "version": "${fooVersion}"
}
""".toString(),
    'Foo/Foo.php'      : "<?php\n// foo ${fooVersion}\n".toString(),
    'Bar/composer.json': '''{
    "name": "incremental/bar",
    "version": "1.0.0",
    "require": { "incremental/foo": "^1.0" }
}
''',
    'Bar/Bar.php'      : '<?php\n// bar 1.0.0\n',
]}
['release1': ['1.0.0', '2024-03-01T12:00:00+00:00'], 'release2': ['1.1.0', '2024-06-01T12:00:00+00:00']].each { name, release ->
    def repo = new File(reposDir, name)
    repo.mkdirs()
    support.git(repo, release[1], ['init', '-q'])
    support.write(repo, files(release[0]))
    support.commitAndTag(repo, release[1], release[0])
}
true
