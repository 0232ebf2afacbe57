// Creates repos/modules: two packages in top-level folders, tags 1.0.0 and 1.1.0, fixed dates.

def support = evaluate(new File(itCommon, 'support.groovy'))
def reposDir = support.freshWorkspace()
def git = support.git

def repo = new File(reposDir, 'modules')
repo.mkdirs()
git(repo, '2024-01-01T00:00:00+00:00', ['init', '-q'])
['1.0.0': '2024-03-01T12:00:00+00:00', '1.1.0': '2024-04-01T12:00:00+00:00'].each { version, date ->
    [
        'Foo/composer.json': """{
    "name": "deploy/foo",
    "version": "${version}"
}
""".toString(),
        'Foo/Foo.php'      : "<?php\n// foo ${version}\n".toString(),
        'Bar/composer.json': '''{
    "name": "deploy/bar",
    "version": "1.0.0",
    "require": { "deploy/foo": "^1.0" }
}
''',
        'Bar/Bar.php'      : '<?php\n// bar 1.0.0\n',
    ].each { path, content ->
        def f = new File(repo, path)
        f.parentFile.mkdirs()
        f.setText(content, 'UTF-8')
    }
    git(repo, date, ['add', '-A'])
    git(repo, date, ['commit', '-q', '-m', "release ${version}"])
    git(repo, date, ['tag', version])
}

true
