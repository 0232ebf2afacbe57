import groovy.json.JsonSlurper

// mvn deploy uploaded target/repository over SFTP; the purge dry run found nothing to delete; Composer installs
// from the SSH server's folder. The SSH server is stopped whatever happens.

def support = evaluate(new File(itCommon, 'support.groovy'))
try {
    def files = support.files
    def built = new File(basedir, 'target/repository')
    def published = new File(basedir, 'target/sftp-root/srv/mirror')
    def log = new File(basedir, 'build.log').getText('UTF-8')

    def expected = files(built)
    assert expected.size() == 11 // 3 dists, 4 p2 files, an include file, index.html, the record of the tags planned, packages.json
    assert expected.contains('index.html')
    assert files(published).findAll { !it.startsWith('.') } == expected
    expected.each {
        assert Arrays.equals(new File(built, it).bytes, new File(published, it).bytes): "${it} differs between target/repository and the SFTP folder"
    }
    assert new File(published, '.mage-os-deploy.json').isFile()
    def port = new File(basedir, 'target/sshd/port').text.trim()
    assert log =~ /Deployed to sftp:\/\/127\.0\.0\.1:${port}\/srv\/mirror: 11 files uploaded \([0-9.]+ KiB\), 0 unchanged, in [0-9.]+ s/
    assert log.contains("Dry run, nothing deleted on sftp://127.0.0.1:${port}/srv/mirror: 0 unreferenced dist(s) to delete")

    def url = new JsonSlurper().parse(new File(built, 'packages.json'))['metadata-url'] - 'p2/%package%.json'
    def project = support.composerProject('deploy/consumer', url)
    support.composer(project, ['require', 'deploy/bar:1.0.0', '--no-audit', '--no-progress'])
    def installed = new JsonSlurper().parse(new File(project, 'vendor/composer/installed.json')).packages
    assert installed.collectEntries { [(it.name): it.version] } == ['deploy/bar': '1.0.0', 'deploy/foo': '1.1.0']
} finally {
    support.stopServer('sshd')
}

true
