import groovy.json.JsonOutput
import groovy.json.JsonSlurper

// Release 1 was built and deployed to the bucket; release 2 was built by a fresh runner (target/ cleaned, an empty
// cache) against the bucket's public URL: it built only release 2's new version, kept the others as the bucket lists
// them, and deployed an index that lists both releases; Composer installs a version of each. The S3 servers are
// stopped whatever happens.

def support = evaluate(new File(itCommon, 'support.groovy'))
try {
    def built = new File(basedir, 'target/repository')
    def bucket = new File(basedir, 's3-storage/mirror-bucket/repo')
    def log = new File(basedir, 'build.log').getText('UTF-8')
    def endpoint = new JsonSlurper().parse(new File(bucket, 'packages.json'))['metadata-url'] - 'p2/%package%.json'
    assert endpoint ==~ /http:\/\/127\.0\.0\.1:\d+\/mirror-bucket\/repo\//

    // release 1: its two versions built; release 2: tag 1.0.0 neither fetched nor read (the bucket's record says it was
    // planned at that commit and the bucket lists its versions), deploy/foo 1.1.0 built, deploy/bar 1.0.0 (found again
    // at 1.1.0) kept as the bucket serves it
    def packaged = (log =~ /\[INFO\] Packaged (\d+) package versions with \d+ workers: (.*)/).collect { [it[1], it[2]] }
    assert packaged.take(2) == [['2', '2 zips built, 0 restored from the build cache, 0 metapackages'],
                                ['2', '1 zips built, 0 restored from the build cache, 1 kept as published, 0 metapackages']]
    assert log.contains('modules: 2 tags, 1 selected, 1 fetched')
    assert log.contains('modules: 2 tags, 2 selected, 1 not needed, 1 fetched')
    assert log.contains('modules: 1 tags in the cache, 1 selected, 2 package versions')
    assert support.gitRead(new File(basedir, 'runner-2-cache').listFiles().find { it.isDirectory() && it.name.startsWith('modules-') }, ['tag']).trim() == '1.1.0'
    // the fresh runner deployed only release 2's zip; the kept ones were on the target already
    assert log.contains('2 dist(s) of the index are not in ' + built.toPath().toAbsolutePath().normalize() + ' but on the target already')
    assert log.contains("2 dists kept as published elsewhere, 1 of them downloaded and checked (sample, seed 'it')")

    // the deployed index lists both releases; every dist it names is in the bucket with its sha1
    def p2 = { File repo, String name -> support.expand(new JsonSlurper().parse(new File(repo, "p2/${name}.json")).packages[name]) }
    assert p2(bucket, 'deploy/foo')*.version == ['1.1.0', '1.0.0']
    assert p2(bucket, 'deploy/bar')*.version == ['1.0.0']
    (p2(bucket, 'deploy/foo') + p2(bucket, 'deploy/bar')).each { v ->
        assert v.dist.url.startsWith(endpoint)
        def zip = new File(bucket, v.dist.url - endpoint)
        assert zip.isFile()
        assert v.dist.shasum == support.sha1(zip)
    }

    // release 2 again, the published repository being the private bucket (s3://, read with <deployServerId>'s
    // credentials): both tags planned and published, so nothing is fetched or built; the index, read from the bucket,
    // is the deployed one byte for byte (dist URLs as published, under the public endpoint); verify's sample is read
    // from the bucket
    assert packaged.drop(2) == [['0', 'up-to-date (0 metapackages)']]
    assert log.contains('Index: 2 packages, 3 versions (3 already published); ')
    assert log.contains('modules: 2 tags, 2 selected, 2 not needed, cache up-to-date')
    assert !new File(built, 'dist').exists()
    ['packages.json', 'p2/deploy/foo.json', 'p2/deploy/foo~dev.json', 'p2/deploy/bar.json', 'mage-os-tags.json'].each { file ->
        assert new File(built, file).bytes == new File(bucket, file).bytes : file
    }
    assert log.contains("3 dists kept as published elsewhere, 2 of them downloaded and checked (sample, seed 'it')")
    // the record of planned tags, deployed with the index, has both tags
    def record = new JsonSlurper().parse(new File(bucket, 'mage-os-tags.json'))
    assert record.format == 'mage-os-tags-1'
    assert record.sources.modules.tags.keySet() as List == ['1.0.0', '1.1.0']
    assert record.sources.modules.tags['1.1.0'].versions == ['deploy/bar 1.0.0', 'deploy/foo 1.1.0']
    assert record.sources.modules.tags['1.0.0'].commit == support.gitRead(new File(basedir, 'repos/modules'), ['rev-parse', '1.0.0^{commit}']).trim()

    // Composer installs a version of each release from the bucket over HTTP
    ['1.0.0', '1.1.0'].each { version ->
        def project = support.composerProject('deploy/consumer', endpoint)
        def composerJson = new File(project, 'composer.json')
        def config = new JsonSlurper().parse(composerJson)
        config.config['secure-http'] = false // the test server speaks plain HTTP on loopback
        composerJson.setText(JsonOutput.prettyPrint(JsonOutput.toJson(config)), 'UTF-8')
        support.composer(project, ['require', "deploy/foo:${version}", 'deploy/bar:1.0.0', '--no-audit', '--no-progress'])
        assert new File(project, 'vendor/deploy/foo/Foo.php').text == "<?php\n// foo ${version}\n"
        assert new File(project, 'vendor/deploy/bar/Bar.php').text == '<?php\n// bar 1.0.0\n'
    }
} finally {
    ['s3proxy', 's3proxy-public'].each { name ->
        def saved = new File(basedir, "pids/${name}.pid")
        if (saved.isFile()) {
            new File(basedir, 'target').mkdirs()
            new File(basedir, "target/${name}.pid").text = saved.text
        }
        support.stopServer(name)
    }
}

true
