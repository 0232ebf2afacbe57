// Helpers shared by the setup and verify scripts of every IT; each script loads them with
//   def support = evaluate(new File(itCommon, 'support.groovy'))
// (itCommon is a script variable set in the plugin's invoker configuration). They use `basedir` of the caller.

import groovy.json.JsonOutput
import java.security.MessageDigest

def gitHome = new File(basedir, 'target/git-home')

// runs git with no user or system configuration; a date makes commits and tags reproducible
def runGit = { File dir, String date, List<String> args ->
    def cmd = ['git', '-c', 'user.name=Mage-OS IT', '-c', 'user.email=it@mage-os.invalid', '-c', 'init.defaultBranch=main',
               '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', '-c', 'core.autocrlf=false', '-c', 'core.symlinks=true'] + args
    def pb = new ProcessBuilder(cmd.collect { it.toString() }).directory(dir).redirectErrorStream(true)
    def env = pb.environment()
    ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_CONFIG', 'GIT_CONFIG_GLOBAL', 'XDG_CONFIG_HOME'].each { env.remove(it) }
    env.GIT_CONFIG_NOSYSTEM = '1'
    gitHome.mkdirs()
    env.HOME = gitHome.absolutePath
    if (date != null) {
        env.GIT_AUTHOR_DATE = date
        env.GIT_COMMITTER_DATE = date
    }
    def p = pb.start()
    def out = p.inputStream.getText('UTF-8')
    if (p.waitFor() != 0) {
        throw new IllegalStateException("git ${args.join(' ')} failed in ${dir}:\n${out}")
    }
    out
}

// writes files into a work tree; a null content deletes the file
def write = { File repo, Map<String, String> files ->
    files.each { path, content ->
        def f = new File(repo, path)
        if (content == null) {
            assert f.delete() || !f.exists()
        } else {
            f.parentFile.mkdirs()
            f.setText(content, 'UTF-8')
        }
    }
}

// the files below a folder, as sorted relative paths with '/'
def files = { File root ->
    def list = []
    root.eachFileRecurse { if (it.isFile()) list << root.toPath().relativize(it.toPath()).toString().replace('\\', '/') }
    list.sort()
}

// runs the real Composer client in a project folder, with a Composer home of its own and no network use
// the real Composer client in a project folder, with a home of its own beside it: [exit status, output]
def composerExit = { File project, List<String> args ->
    def home = new File(project.parentFile, 'home')
    def pb = new ProcessBuilder((['composer'] + args + ['--no-interaction', '--no-ansi']).collect { it.toString() })
            .directory(project).redirectErrorStream(true)
    def env = pb.environment()
    ['COMPOSER', 'COMPOSER_AUTH', 'COMPOSER_VENDOR_DIR', 'COMPOSER_BIN_DIR', 'COMPOSER_MIRROR_PATH_REPOS'].each { env.remove(it) }
    env.COMPOSER_HOME = home.absolutePath
    env.COMPOSER_CACHE_DIR = new File(home, 'cache').absolutePath
    env.COMPOSER_NO_INTERACTION = '1'
    env.COMPOSER_ALLOW_SUPERUSER = '1'
    def p
    try {
        p = pb.start()
    } catch (IOException e) {
        throw new AssertionError('This test needs the Composer client: install composer php-cli php-zip unzip (' + e.message + ')')
    }
    def out = p.inputStream.getText('UTF-8')
    def rc = p.waitFor()
    println "composer ${args.join(' ')}:\n${out}"
    [rc, out]
}
def composer = { File project, List<String> args ->
    def (rc, out) = composerExit(project, args)
    assert rc == 0: "composer ${args.join(' ')} exited with ${rc}:\n${out}"
    out
}

// starts a test server as a process (ended after 10 minutes at most, should verify.groovy never run), its
// output in target/<name>.log and its pid in target/<name>.pid; waits until ready() is true
def startServer = { String name, List<String> command, Closure<Boolean> ready ->
    def target = new File(basedir, 'target')
    target.mkdirs()
    def log = new File(target, "${name}.log")
    def p = new ProcessBuilder((['timeout', '600'] + command).collect { it.toString() })
            .redirectErrorStream(true).redirectOutput(log).start()
    new File(target, "${name}.pid").text = p.pid().toString()
    long deadline = System.currentTimeMillis() + 90_000
    while (!ready()) {
        assert p.isAlive(): "${name} exited:\n${log.text}"
        assert System.currentTimeMillis() < deadline: "${name} not ready after 90 s:\n${log.text}"
        Thread.sleep(200)
    }
    p
}

// stops what startServer started, with everything it started
def stopServer = { String name ->
    def pidFile = new File(basedir, "target/${name}.pid")
    if (pidFile.isFile()) {
        ProcessHandle.of(pidFile.text.trim() as long).ifPresent { h ->
            h.descendants().forEach { it.destroyForcibly() }
            h.destroyForcibly()
        }
        pidFile.delete()
    }
}

def freePort = { -> new ServerSocket(0).withCloseable { it.localPort } }

// true when something answers HTTP at the URL (any status)
def answers = { String url ->
    try {
        def c = new URL(url).openConnection()
        c.connectTimeout = 500
        c.responseCode
        true
    } catch (IOException e) {
        false
    }
}

// repos/modules of the deploy ITs: packages deploy/foo (1.0.0, 1.1.0) and deploy/bar (1.0.0, requires deploy/foo ^1.0),
// in top-level folders, tags 1.0.0 and 1.1.0, fixed dates
def deployModules = { File reposDir ->
    def git = runGit
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
    repo
}

[
    deployModules: deployModules,
    startServer : startServer,
    stopServer  : stopServer,
    freePort    : freePort,
    answers     : answers,
    // a clean slate for setup.groovy: no repos/, no target/
    freshWorkspace: { ->
        def repos = new File(basedir, 'repos')
        repos.deleteDir()
        new File(basedir, 'target').deleteDir()
        repos
    },
    // a zip of these files (name -> text) with fixed entry times, so that its bytes are the same on every run
    zip         : { File file, Map<String, String> entries ->
        file.parentFile.mkdirs()
        file.withOutputStream { out ->
            new java.util.zip.ZipOutputStream(out).withCloseable { zip ->
                entries.each { name, text ->
                    def entry = new java.util.zip.ZipEntry(name)
                    entry.time = 315532800000L
                    zip.putNextEntry(entry)
                    zip.write(text.getBytes('UTF-8'))
                    zip.closeEntry()
                }
            }
        }
    },
    git         : runGit,
    // git without fixed dates, for reading repositories back in verify.groovy
    gitRead     : { File dir, List<String> args -> runGit(dir, null, args) },
    write       : write,
    // commits everything and tags it; a tagDate makes an annotated tag with a date of its own
    commitAndTag: { File repo, String date, String tag, String tagDate = null ->
        runGit(repo, date, ['add', '-A'])
        runGit(repo, date, ['commit', '-q', '-m', "release ${tag}"])
        if (tagDate == null) {
            runGit(repo, date, ['tag', tag])
        } else {
            runGit(repo, tagDate, ['tag', '-a', '-m', "tag ${tag}", tag])
        }
    },
    // composer/metadata-minifier's expand: the first version whole, each later one holds only what changed
    expand      : { List versions ->
        def expanded = []
        Map last = null
        versions.each { Map v ->
            last = last == null ? new LinkedHashMap(v) : new LinkedHashMap(last)
            v.each { k, val -> if (val == '__unset') last.remove(k) else last[k] = val }
            expanded << last
        }
        expanded
    },
    sha1        : { File f -> MessageDigest.getInstance('SHA-1').digest(f.bytes).encodeHex().toString() },
    files       : files,
    // a fresh project folder under target/composer-install whose only repository is the given one
    composerProject: { String name, String repositoryUrl ->
        def work = new File(basedir, 'target/composer-install')
        work.deleteDir()
        def project = new File(work, 'project')
        project.mkdirs()
        new File(project, 'composer.json').setText(JsonOutput.prettyPrint(JsonOutput.toJson([
            name        : name,
            type        : 'project',
            repositories: [[type: 'composer', url: repositoryUrl], ['packagist.org': false]],
            require     : [:],
            config      : [platform: [php: '8.2.0'], 'allow-plugins': false],
        ])), 'UTF-8')
        project
    },
    composer    : composer,
    composerExit: composerExit,
]
