// Creates repos/modules and starts a real S3 server (S3Proxy, a filesystem blobstore under target/s3-storage with
// the bucket 'mirror-bucket'), its endpoint to the build as -Dit.s3.endpoint; and a second S3Proxy over the same
// storage that serves anonymous reads, as a public bucket or a CDN would, for Composer: -Dit.s3.publicEndpoint.

def support = evaluate(new File(itCommon, 'support.groovy'))
support.deployModules(support.freshWorkspace())

def storage = new File(basedir, 'target/s3-storage')
new File(storage, 'mirror-bucket').mkdirs()
def java = new File(System.getProperty('java.home'), 'bin/java').absolutePath
def s3proxy = { String name, List<String> authorization, boolean wait ->
    def port = support.freePort()
    def properties = new File(basedir, "target/${name}.properties")
    properties.text = (["s3proxy.endpoint=http://127.0.0.1:${port}"] + authorization
            + ['jclouds.provider=filesystem', "jclouds.filesystem.basedir=${storage.absolutePath}"]).join('\n')
    support.startServer(name, [java, '-Xmx192m', '-XX:TieredStopAtLevel=1', '-jar', new File(testServers, 's3proxy.jar').absolutePath,
                               '--properties', properties.absolutePath]) { !wait || support.answers("http://127.0.0.1:${port}/") }
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
