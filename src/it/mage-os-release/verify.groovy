import groovy.json.JsonSlurper

// Expectations come from the git repositories and files setup.groovy made, never from the plugin's output.
// Then Composer installs the renamed release, and a project that asks for a magento/* package gets the
// mage-os/* one through its replace.

def support = evaluate(new File(itCommon, 'support.groovy'))
def git = support.gitRead
def repoDir = new File(basedir, 'target/repository')
def magento2 = new File(basedir, 'repos/magento2')
def security = new File(basedir, 'repos/security-package')
def repositoryUrl = 'file://' + repoDir.toPath().toAbsolutePath().normalize().toString() + '/'
def slurp = { String text -> new JsonSlurper().parseText(text) }
def atTag = { File repo, String tag, String path -> git(repo, ['show', "${tag}:${path}"]) }
def p2 = { String name ->
    def file = new JsonSlurper().parse(new File(repoDir, "p2/${name}.json"))
    support.expand(file.packages[name]).collectEntries { [(it.version): it] }
}

// upstream name -> its version at the release's tags
def upstream = [
    'magento/module-catalog'        : slurp(atTag(magento2, '2.4.7', 'app/code/Magento/Catalog/composer.json')).version,
    'magento/module-store'          : slurp(atTag(magento2, '2.4.7', 'app/code/Magento/Store/composer.json')).version,
    'magento/theme-frontend-luma'   : slurp(atTag(magento2, '2.4.7', 'app/design/frontend/Magento/luma/composer.json')).version,
    'magento/framework'             : slurp(atTag(magento2, '2.4.7', 'lib/internal/Magento/Framework/composer.json')).version,
    'magento/framework-amqp'        : slurp(atTag(magento2, '2.4.7', 'lib/internal/Magento/Framework/Amqp/composer.json')).version,
    'magento/magento2-base'         : '2.4.7',
    'magento/module-two-factor-auth': slurp(atTag(security, '1.1.4', 'TwoFactorAuth/composer.json')).version,
    'magento/security-package'      : slurp(atTag(security, '1.1.4', '_metapackage/composer.json')).version,
]
def renamed = { String name -> name.replaceFirst('^magento/', 'mage-os/') }

def packagesJson = new JsonSlurper().parse(new File(repoDir, 'packages.json'))
assert packagesJson['available-packages'] as Set == (upstream.keySet().collect(renamed) + ['mage-os/product-community-edition',
        'mage-os/project-community-edition', 'mage-os/prebuilt-sample']) as Set

// every package renamed, at the release's version, replacing its upstream name at the upstream version
upstream.each { name, version ->
    def entries = p2(renamed(name))
    assert entries.keySet() == ['1.0.0'] as Set: "${renamed(name)}: ${entries.keySet()}"
    assert entries['1.0.0'].replace?.get(name) == version: "${renamed(name)} replace: ${entries['1.0.0'].replace}"
}
// links renamed and pinned across sources
assert p2('mage-os/module-two-factor-auth')['1.0.0'].require == ['mage-os/module-store': '1.0.0', 'mage-os/framework': '1.0.0']
assert p2('mage-os/security-package')['1.0.0'].require == ['mage-os/module-two-factor-auth': '1.0.0']
assert p2('mage-os/module-catalog')['1.0.0'].require == ['mage-os/framework': '1.0.0', 'mage-os/module-store': '1.0.0']
// the base package's composer.json: from the project, renamed, patched
def base = p2('mage-os/magento2-base')['1.0.0']
assert base.extra.map == [['index.php', 'index.php']]
assert base.require == ['mage-os/framework': '1.0.0']
def product = p2('mage-os/product-community-edition')['1.0.0']
assert product.require == upstream.keySet().collect(renamed).collectEntries { [(it): '1.0.0'] } +
        [php: '>=8.1', 'mage-os/prebuilt-sample': '2.0.0']

// the prebuilt zip, byte for byte
def prebuiltFile = new File(basedir, 'src/prebuilt/prebuilt-sample-2.0.0.zip')
def prebuilt = p2('mage-os/prebuilt-sample')['2.0.0']
assert prebuilt.dist.shasum == support.sha1(prebuiltFile)
assert new File(URI.create(prebuilt.dist.url)).bytes == prebuiltFile.bytes

// --- composer create-project installs the release ---------------------------------------------------------
def work = new File(basedir, 'target/composer-install/work')
work.deleteDir()
work.mkdirs()
support.composer(work, ['create-project', "--repository={\"type\": \"composer\", \"url\": \"${repositoryUrl}\"}", '--no-install', '--no-progress',
                        'mage-os/project-community-edition', 'shop', '1.0.0'])
def shop = new File(work, 'shop')
def composer = { List<String> args -> support.composer(shop, args) }
composer(['config', 'repo.packagist', 'false'])
def installOutput = composer(['install', '--no-progress'])
def installed = new JsonSlurper().parse(new File(shop, 'vendor/composer/installed.json')).packages.collectEntries { [(it.name): it.version] }
assert installed == upstream.keySet().collect(renamed).collectEntries { [(it): '1.0.0'] } +
        ['mage-os/product-community-edition': '1.0.0', 'mage-os/prebuilt-sample': '2.0.0']
assert new File(shop, 'vendor/mage-os/module-catalog/Model/Product.php').text == atTag(magento2, '2.4.7', 'app/code/Magento/Catalog/Model/Product.php')
assert new File(shop, 'vendor/mage-os/prebuilt-sample/src/Sample.php').text == '<?php // prebuilt\n'
assert new File(shop, 'vendor/mage-os/magento2-base/var').isDirectory()

// the replace: composer names the mage-os package as what provides the magento one
def why = composer(['why', 'magento/module-catalog'])
assert why.readLines().any { it.startsWith('mage-os/module-catalog') && it.contains('replaces') && it.contains('magento/module-catalog') }: why
// and a requirement on the magento package at its upstream version is met by the mage-os one
composer(['require', "magento/module-catalog:${upstream['magento/module-catalog']}", '--no-progress', '--no-audit'])
def after = new JsonSlurper().parse(new File(shop, 'vendor/composer/installed.json')).packages*.name
assert !after.contains('magento/module-catalog') && after.contains('mage-os/module-catalog')
true

// --- security advisories: composer audit, Packagist off, reads them from the repository ------------------------
// magento/module-catalog 104.0.7 (replaced by mage-os/module-catalog 1.0.0) is affected (<104.0.8); magento/module-store
// 101.0.6 is not (<101.0.6)
assert packagesJson['security-advisories'] == [metadata: true]
def (auditRc, auditOut) = support.composerExit(shop, ['audit', '--format=json'])
assert auditRc != 0: auditOut
def found = slurp(auditOut.substring(auditOut.indexOf('{'))).advisories
assert found.keySet() == ['mage-os/module-catalog'] as Set: auditOut
assert found['mage-os/module-catalog']*.advisoryId == ['magento/module-catalog/2024-05-01']
assert found['mage-os/module-catalog']*.cve == ['CVE-2024-99901']
assert found['mage-os/module-catalog']*.affectedVersions == ['1.0.0']
def storeFile = new JsonSlurper().parse(new File(repoDir, 'p2/mage-os/module-store.json'))
assert storeFile['security-advisories'] == []

// --- abandoned: in the metadata, and Composer says so on install -----------------------------------------------
assert prebuilt.abandoned == 'mage-os/product-community-edition'
assert installOutput.contains('Package mage-os/prebuilt-sample is abandoned, you should avoid using it. Use mage-os/product-community-edition instead.'): installOutput
