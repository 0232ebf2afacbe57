import groovy.json.JsonOutput
import groovy.json.JsonSlurper

// mvn deploy uploaded target/repository to the bucket; a second deploy uploaded nothing; Composer installs from
// the bucket over HTTP, read anonymously from the second S3 server. The S3 server is stopped whatever happens.

def support = evaluate(new File(itCommon, 'support.groovy'))
try {
    def files = support.files
    def built = new File(basedir, 'target/repository')
    def bucket = new File(basedir, 'target/s3-storage/mirror-bucket/repo')
    def log = new File(basedir, 'build.log').getText('UTF-8')

    assert log =~ /--- mage-os-maven-plugin:[^:]+:deploy \(default-deploy\)/
    def expected = files(built)
    // dists, p2 files, Composer 1's include file, index.html, the record of the tags planned and packages.json
    assert expected.findAll { !it.startsWith('include/all$') } == [
        'dist/deploy/bar/bar-1.0.0.zip',
        'dist/deploy/foo/foo-1.0.0.zip',
        'dist/deploy/foo/foo-1.1.0.zip',
        'index.html',
        'mage-os-tags.json',
        'p2/deploy/bar.json', 'p2/deploy/bar~dev.json',
        'p2/deploy/foo.json', 'p2/deploy/foo~dev.json',
        'packages.json',
    ]
    assert expected.count { it ==~ /include\/all\$[0-9a-f]{40}\.json/ } == 1
    // the objects, as the S3 server stores them, are the built files to the byte, plus the deploy manifest
    assert files(bucket).findAll { !it.startsWith('.') } == expected
    expected.each {
        assert Arrays.equals(new File(built, it).bytes, new File(bucket, it).bytes): "${it} differs between target/repository and the bucket"
    }
    def manifest = new JsonSlurper().parse(new File(bucket, '.mage-os-deploy.json'))
    assert manifest.files.keySet() as List == expected
    expected.each { assert manifest.files[it].sha1 == support.sha1(new File(built, it)) }

    // first deploy: every file (one summary line, the files at debug level only); second: nothing
    assert !(log =~ /\[INFO\] uploaded /)
    def bytes = expected.sum { new File(built, it).length() }
    def summary = log =~ /Deployed to s3:\/\/mirror-bucket\/repo\/: 11 files uploaded \(([0-9.]+) KiB\), 0 unchanged, in [0-9.]+ s/
    assert summary.find()
    assert Math.abs(Double.parseDouble(summary.group(1)) - bytes / 1024.0) <= 0.05: "the bytes of the built files: ${bytes}"
    assert log =~ /Deployed to s3:\/\/mirror-bucket\/repo\/: 0 files uploaded \(0 B\), 11 unchanged \(11 same sha1 in the deploy manifest\), in [0-9.]+ s/
    assert !log.contains('it-secret-key')

    // --- Composer installs from the bucket over HTTP -------------------------------------------------------
    def endpoint = new JsonSlurper().parse(new File(built, 'packages.json'))['metadata-url'] - 'p2/%package%.json'
    assert endpoint ==~ /http:\/\/127\.0\.0\.1:\d+\/mirror-bucket\/repo\//
    def project = support.composerProject('deploy/consumer', endpoint)
    def composerJson = new File(project, 'composer.json')
    def config = new JsonSlurper().parse(composerJson)
    config.config['secure-http'] = false // the test server speaks plain HTTP on loopback
    composerJson.setText(JsonOutput.prettyPrint(JsonOutput.toJson(config)), 'UTF-8')
    new File(basedir, 'target/repository').renameTo(new File(basedir, 'target/repository.hidden'))
    try {
        support.composer(project, ['require', 'deploy/bar:1.0.0', '--no-audit', '--no-progress'])
    } finally {
        new File(basedir, 'target/repository.hidden').renameTo(new File(basedir, 'target/repository'))
    }
    def vendor = new File(project, 'vendor')
    assert new File(vendor, 'deploy/foo/Foo.php').text == '<?php\n// foo 1.1.0\n'
    assert new File(vendor, 'deploy/bar/Bar.php').isFile()
    def installed = new JsonSlurper().parse(new File(vendor, 'composer/installed.json')).packages
    assert installed.collectEntries { [(it.name): it.version] } == ['deploy/bar': '1.0.0', 'deploy/foo': '1.1.0']
    installed.each { assert it.dist.url.startsWith(endpoint) }
} finally {
    support.stopServer('s3proxy')
    support.stopServer('s3proxy-public')
}

true
