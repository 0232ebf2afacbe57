import java.nio.file.Files
import java.nio.file.StandardCopyOption

def support = evaluate(new File(itCommon, 'support.groovy'))
def repos = support.freshWorkspace()
def made = evaluate(new File(itCommon, 'magento-repositories.groovy'))(support, repos)
// named as the Mage-OS mirror names them
assert made.magento2.renameTo(new File(repos, 'mirror-magento2'))
assert made.security.renameTo(new File(repos, 'mirror-security-package'))

// the fork's own source: one package at its root
def acme = new File(repos, 'acme-extension')
acme.mkdirs()
support.git(acme, '2024-01-01T00:00:00+00:00', ['init', '-q'])
support.write(acme, ['composer.json': '{\n    "name": "acme/extension",\n    "type": "magento2-module",\n    "version": "1.0.0",\n'
        + '    "require": {"magento/module-catalog": "*"}\n}\n', 'Model/Thing.php': '<?php // acme\n'])
support.commitAndTag(acme, '2024-05-01T10:00:00+00:00', '1.0.0')

// the parent: the example distribution as it is in this repository
def example = new File(itCommon, '../../../example-distribution/magento-mirror').canonicalFile
def parent = new File(basedir, 'magento-mirror')
parent.deleteDir()
example.eachFileRecurse { f ->
    def to = new File(parent, example.toPath().relativize(f.toPath()).toString())
    if (f.isDirectory()) {
        to.mkdirs()
    } else {
        to.parentFile.mkdirs()
        Files.copy(f.toPath(), to.toPath(), StandardCopyOption.REPLACE_EXISTING)
    }
}

// a folder of prebuilt zips (<magento-mirror.prebuilt>), made with fixed entry times
def prebuilt = new File(basedir, 'prebuilt/amzn-sample-1.0.0.zip')
support.zip(prebuilt, ['composer.json': '{\n    "name": "amzn/sample-module",\n    "version": "1.0.0",\n    "type": "magento2-module"\n}\n',
         'Model/Pay.php': '<?php // prebuilt\n'])
true
