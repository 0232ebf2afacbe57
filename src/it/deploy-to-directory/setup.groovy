// Creates repos/modules: two packages in top-level folders, tags 1.0.0 and 1.1.0, fixed dates.

def reposDir = new File(basedir, 'repos')
reposDir.deleteDir()
new File(basedir, 'target').deleteDir()
def gitHome = new File(basedir, 'target/git-home')
gitHome.mkdirs()

def git = { File dir, String date, List<String> args ->
    def cmd = ['git', '-c', 'user.name=Mage-OS IT', '-c', 'user.email=it@mage-os.invalid', '-c', 'init.defaultBranch=main',
               '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', '-c', 'core.autocrlf=false'] + args
    def pb = new ProcessBuilder(cmd.collect { it.toString() }).directory(dir).redirectErrorStream(true)
    def env = pb.environment()
    ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_CONFIG', 'GIT_CONFIG_GLOBAL', 'XDG_CONFIG_HOME'].each { env.remove(it) }
    env.GIT_CONFIG_NOSYSTEM = '1'
    env.HOME = gitHome.absolutePath
    env.GIT_AUTHOR_DATE = date
    env.GIT_COMMITTER_DATE = date
    def p = pb.start()
    def out = p.inputStream.getText('UTF-8')
    if (p.waitFor() != 0) {
        throw new IllegalStateException("git ${args.join(' ')} failed in ${dir}:\n${out}")
    }
    out
}

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
