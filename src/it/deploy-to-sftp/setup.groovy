// Creates repos/modules and starts a real SSH server with the SFTP subsystem (Apache MINA SSHD, from the plugin's
// test classes) serving target/sftp-root; it writes its port, known_hosts and the client's key under target/sshd.
// The port goes to the build as -Dit.sftp.port; settings.xml's server it-sftp names the key.

def support = evaluate(new File(itCommon, 'support.groovy'))
support.deployModules(support.freshWorkspace())

def work = new File(basedir, 'target/sshd')
def root = new File(basedir, 'target/sftp-root')
def portFile = new File(work, 'port')
def classpath = testClasses + File.pathSeparator + new File(testServers, 'test-classpath.txt').text.trim()
def java = new File(System.getProperty('java.home'), 'bin/java').absolutePath
support.startServer('sshd', [java, '-Xmx128m', '-cp', classpath, 'org.mageos.distribution.core.testing.SftpTestServer',
                             root.absolutePath, work.absolutePath]) { portFile.isFile() }
context.get('userProperties').put('it.sftp.port', portFile.text.trim())
context.get('userProperties').put('it.sftp.knownHosts', new File(work, 'known_hosts').absolutePath)

true
