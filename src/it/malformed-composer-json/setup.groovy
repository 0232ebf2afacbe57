// Creates repos/broken-lib: tag 1.0.0 has a good composer.json, tag 1.0.1 a broken one (a missing brace).

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

def repo = new File(reposDir, 'broken-lib')
repo.mkdirs()
git(repo, '2024-01-01T00:00:00+00:00', ['init', '-q'])
new File(repo, 'src').mkdirs()
new File(repo, 'src/Lib.php').setText('<?php\n', 'UTF-8')
new File(repo, 'composer.json').setText('{\n    "name": "itest/broken-lib",\n    "require": {\n        "php": ">=8.1"\n    }\n}\n', 'UTF-8')
git(repo, '2024-01-02T00:00:00+00:00', ['add', '-A'])
git(repo, '2024-01-02T00:00:00+00:00', ['commit', '-q', '-m', 'good'])
git(repo, '2024-01-02T00:00:00+00:00', ['tag', '1.0.0'])
new File(repo, 'composer.json').setText('{\n    "name": "itest/broken-lib",\n    "require": {\n        "php": ">=8.1"\n    \n}\n', 'UTF-8')
git(repo, '2024-02-02T00:00:00+00:00', ['add', '-A'])
git(repo, '2024-02-02T00:00:00+00:00', ['commit', '-q', '-m', 'broken'])
git(repo, '2024-02-02T00:00:00+00:00', ['tag', '1.0.1'])

true
