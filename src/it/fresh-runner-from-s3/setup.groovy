// repos/modules (tags 1.0.0 and 1.1.0, see support.deployModules) and a real S3 server (S3Proxy, a filesystem
// blobstore under s3-storage/, outside target/, which release 2's build cleans) with the bucket 'mirror-bucket', its
// endpoint as -Dit.s3.endpoint; and a second S3Proxy over the same storage that serves anonymous reads, as a public
// bucket or a CDN would, for Composer and for the published repository: -Dit.s3.publicEndpoint.

def support = evaluate(new File(itCommon, 'support.groovy'))
support.deployModules(support.freshWorkspace())
['s3-storage', 'runner-1-cache', 'runner-2-cache', 'runner-3-cache', 'pids'].each { new File(basedir, it).deleteDir() }

def storage = new File(basedir, 's3-storage')
new File(storage, 'mirror-bucket').mkdirs()
def java = new File(System.getProperty('java.home'), 'bin/java').absolutePath
def s3proxy = { String name, List<String> authorization, boolean wait ->
    def port = support.freePort()
    def properties = new File(basedir, "target/${name}.properties")
    properties.parentFile.mkdirs()
    properties.text = (["s3proxy.endpoint=http://127.0.0.1:${port}"] + authorization
            + ['jclouds.provider=filesystem', "jclouds.filesystem.basedir=${storage.absolutePath}"]).join('\n')
    support.startServer(name, [java, '-Xmx192m', '-XX:TieredStopAtLevel=1', '-jar', new File(testServers, 's3proxy.jar').absolutePath,
                               '--properties', properties.absolutePath]) { !wait || support.answers("http://127.0.0.1:${port}/") }
    // mvn clean deletes target/: verify.groovy finds the pid here to stop the server
    new File(basedir, 'pids').mkdirs()
    new File(basedir, "pids/${name}.pid").text = new File(basedir, "target/${name}.pid").text
    "http://127.0.0.1:${port}".toString()
}
def publicEndpoint = s3proxy('s3proxy-public', ['s3proxy.authorization=none'], false) // starts while the other one does
def endpoint = s3proxy('s3proxy', ['s3proxy.authorization=aws-v2-or-v4', 's3proxy.identity=it-access-key',
                                   's3proxy.credential=it-secret-key'], true)
while (!support.answers(publicEndpoint + '/')) {
    Thread.sleep(200)
}
context.get('userProperties').put('it.s3.endpoint', endpoint)
context.get('userProperties').put('it.s3.publicEndpoint', publicEndpoint)

true
