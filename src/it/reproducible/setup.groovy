import java.nio.file.Files

// Creates the git repositories this test builds from, under repos/, with fixed dates so that every run makes
// the same commits. The packages hold what a zip writer can get wrong: an executable, a symlink, a non-ASCII
// file name, nested folders, export-ignored files, a composer.json without version (rewritten by the build).

def reposDir = new File(basedir, 'repos')
reposDir.deleteDir()
new File(basedir, 'target').deleteDir()
def gitHome = new File(basedir, 'target/git-home')
gitHome.mkdirs()

def git = { File dir, String date, List<String> args ->
    def cmd = ['git', '-c', 'user.name=Mage-OS IT', '-c', 'user.email=it@mage-os.invalid', '-c', 'init.defaultBranch=main',
               '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', '-c', 'core.autocrlf=false', '-c', 'core.symlinks=true'] + args
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
def write = { File repo, Map<String, String> files ->
    files.each { path, content ->
        def f = new File(repo, path)
        f.parentFile.mkdirs()
        f.setText(content, 'UTF-8')
    }
}
def commitAndTag = { File repo, String date, String tag ->
    git(repo, date, ['add', '-A'])
    git(repo, date, ['commit', '-q', '-m', "release ${tag}"])
    git(repo, date, ['tag', tag])
}

// --- several packages in one repository ---------------------------------------------------------------------
def modules = new File(reposDir, 'modules')
modules.mkdirs()
git(modules, '2024-01-01T00:00:00+00:00', ['init', '-q'])
def alpha = { String version -> [
    'Alpha/composer.json'           : """{
    "name": "repro/alpha",
    "description": "Alpha",
    "version": "${version}",
    "require": { "repro/lib": "^1.1" },
    "archive": { "exclude": ["/build"] }
}
""".toString(),
    'Alpha/.gitattributes'          : '/tests export-ignore\n*.dist export-ignore\n',
    'Alpha/README.md'               : "Alpha ${version}\n".toString(),
    'Alpha/bin/tool'                : "#!/bin/sh\necho alpha ${version}\n".toString(),
    'Alpha/i18n/Übersetzung_de.csv' : '"Hello","Hallo"\n',
    'Alpha/src/Deep/Er/Class.php'   : "<?php\n// ${version}\n".toString(),
    'Alpha/src/Z.php'               : '<?php\n',
    'Alpha/src/a.php'               : '<?php\n',
    'Alpha/phpunit.xml.dist'        : '<phpunit/>\n',
    'Alpha/tests/AlphaTest.php'     : '<?php\n',
    'Alpha/build/out.txt'           : 'excluded\n',
    'Alpha/big.txt'                 : (1..2000).collect { "line ${it} of a file that compresses\n" }.join(''),
]}
def beta = [
    'Beta/composer.json': '{\n    "name": "repro/beta",\n    "version": "1.0.0",\n    "type": "library"\n}\n',
    'Beta/Beta.php'     : '<?php\n',
]
def meta = { String version -> [
    'meta/composer.json': """{
    "name": "repro/meta",
    "type": "metapackage",
    "version": "${version}",
    "require": { "repro/alpha": "${version}", "repro/beta": "1.0.0" }
}
""".toString(),
]}
write(modules, alpha('2.0.0') + beta + meta('2.0.0'))
new File(modules, 'Alpha/bin/tool').setExecutable(true, false)
Files.createSymbolicLink(new File(modules, 'Alpha/link-to-readme').toPath(), new File('README.md').toPath())
commitAndTag(modules, '2024-04-01T10:00:00+02:00', '2.0.0')
write(modules, alpha('2.0.1') + meta('2.0.1'))
commitAndTag(modules, '2024-05-01T10:00:00+02:00', '2.0.1')

// --- a library whose composer.json has no version; <tags> selects >=1.1.0 -----------------------------------
def lib = new File(reposDir, 'lib')
lib.mkdirs()
git(lib, '2024-01-01T00:00:00+00:00', ['init', '-q'])
['1.0.0': '2024-01-02T00:00:00+00:00', '1.1.0': '2024-02-02T00:00:00+00:00', '1.2.0': '2024-03-02T00:00:00+00:00'].each { tag, date ->
    write(lib, [
        // keys in no particular order, unicode and escapes: the build rewrites this file to add the version
        'composer.json': """{
    "name": "repro/lib",
    "description": "Bibliothèque \\u00e9 \\"quoted\\" / ${tag}",
    "license": "MIT",
    "autoload": { "psr-4": { "Repro\\\\Lib\\\\": "src/" } },
    "extra": { "z": 1, "a": [1.50, 2e3, null, true] }
}
""".toString(),
        'src/Lib.php'  : "<?php\n// ${tag}\n".toString(),
    ])
    commitAndTag(lib, date, tag)
}

true
