import groovy.json.JsonSlurper
import java.util.zip.ZipFile

// Expectations come from the git repositories setup.groovy made and from this project's files, never from the
// plugin's output. Then the real Composer client creates a project from the template and installs the release.

def support = evaluate(new File(itCommon, 'support.groovy'))
def git = support.gitRead
def repoDir = new File(basedir, 'target/repository')
def magento2 = new File(basedir, 'repos/magento2')
def security = new File(basedir, 'repos/security-package')
def repositoryUrl = 'file://' + repoDir.toPath().toAbsolutePath().normalize().toString() + '/'
def slurp = { String text -> new JsonSlurper().parseText(text) }
def atTag = { File repo, String tag, String path -> git(repo, ['show', "${tag}:${path}"]) }
def versionAt = { File repo, String tag, String path -> slurp(atTag(repo, tag, path)).version }

def p2 = { String name ->
    def file = new JsonSlurper().parse(new File(repoDir, "p2/${name}.json"))
    support.expand(file.packages[name]).collectEntries { [(it.version): it] }
}
def zipEntries = { Map entry ->
    new ZipFile(new File(URI.create(entry.dist.url))).withCloseable { z -> z.entries().collect { it.name } as Set }
}

// --- what each release holds, read from the repositories ----------------------------------------------------
def paths = [
    'magento/module-catalog'        : 'app/code/Magento/Catalog/composer.json',
    'magento/module-store'          : 'app/code/Magento/Store/composer.json',
    'magento/theme-frontend-luma'   : 'app/design/frontend/Magento/luma/composer.json',
    'magento/framework'             : 'lib/internal/Magento/Framework/composer.json',
    'magento/framework-amqp'        : 'lib/internal/Magento/Framework/Amqp/composer.json',
]
def releases = ['2.4.6': '1.1.3', '2.4.7': '1.1.4']
def expectedContent = releases.collectEntries { tag, securityTag ->
    def content = paths.collectEntries { name, path -> [(name): versionAt(magento2, tag, path)] }
    content['magento/magento2-base'] = tag
    content['magento/module-two-factor-auth'] = versionAt(security, securityTag, 'TwoFactorAuth/composer.json')
    content['magento/security-package'] = versionAt(security, securityTag, '_metapackage/composer.json')
    [(tag): content]
}
assert expectedContent['2.4.7']['magento/module-store'] == expectedContent['2.4.6']['magento/module-store']

// --- packages.json: every package of both releases, nothing from the root composer.json, .github or dev ------
def packagesJson = new JsonSlurper().parse(new File(repoDir, 'packages.json'))
def allNames = (expectedContent['2.4.7'].keySet() + ['magento/product-community-edition', 'magento/project-community-edition']) as Set
assert packagesJson['available-packages'] as Set == allNames

// --- the product metapackage of each release requires every package at its exact version ---------------------
releases.keySet().each { release ->
    def product = p2('magento/product-community-edition')[release]
    assert product.type == 'metapackage' && product.dist == null
    assert product.require == expectedContent[release] + [php: '>=8.1']: "product ${release}: ${product.require}"
    def template = p2('magento/project-community-edition')[release]
    assert template.type == 'project'
    assert template.require == ['magento/product-community-edition': release]
    assert template.repositories == [[type: 'composer', url: repositoryUrl]]
    assert zipEntries(template) == ['composer.json'] as Set
}

// --- a mirror keeps requirements as upstream wrote them: the "*" of the tags stay "*" (no <pinRequirements>) -----
def catalog = p2('magento/module-catalog')
['2.4.6', '2.4.7'].each { release ->
    def v = catalog[expectedContent[release]['magento/module-catalog']]
    assert v.require == slurp(atTag(magento2, release, paths['magento/module-catalog'])).require
    def tfa = p2('magento/module-two-factor-auth')[expectedContent[release]['magento/module-two-factor-auth']]
    assert tfa.require == slurp(atTag(security, releases[release], 'TwoFactorAuth/composer.json')).require
    assert tfa.require.values() as Set == ['*'] as Set
}
// the module that kept its version is built once, from the earlier release
assert p2('magento/module-store').keySet() == [expectedContent['2.4.6']['magento/module-store']] as Set
assert p2('magento/module-store').values()[0].time.startsWith('2024-02-01')
// the patch of release 2.4.7 only
assert catalog[expectedContent['2.4.7']['magento/module-catalog']].suggest == ['magento/module-two-factor-auth': 'Two-factor authentication for the admin']
assert catalog[expectedContent['2.4.6']['magento/module-catalog']].suggest == null

// --- zips: the framework without its sub-package; the base package ----------------------------------------------
def framework = p2('magento/framework')[expectedContent['2.4.7']['magento/framework']]
assert zipEntries(framework).findAll { !it.endsWith('/') } == ['composer.json', 'App/Bootstrap.php'] as Set
def base = p2('magento/magento2-base')
def baseEntries = zipEntries(base['2.4.7'])
def repoFiles = git(magento2, ['ls-tree', '-r', '--name-only', '2.4.7']).readLines() as Set
def expectedBase = repoFiles.findAll { f ->
    !f.startsWith('app/code/Magento/') && !f.startsWith('app/design/frontend/Magento/') && !f.startsWith('lib/internal/Magento/Framework/') &&
    f != 'composer.lock' && !f.startsWith('.github/')
} + ['var/', 'generated/code/']
assert baseEntries == expectedBase as Set
assert base['2.4.7'].extra.map.size() == 3
assert base['2.4.6'].description.contains('2.4.6'): 'the per-tag composer.json of the project'
assert base['2.4.6'].extra.map.size() == 2
assert base['2.4.7'].require == slurp(new File(basedir, 'src/magento2-base/composer.json').text).require

// --- composer create-project installs the release -------------------------------------------------------------
def work = new File(basedir, 'target/composer-install/work')
work.deleteDir()
work.mkdirs()
// Composer 2 takes a file:// repository URL in the JSON form only (a bare one must be http or a .json file)
support.composer(work, ['create-project', "--repository={\"type\": \"composer\", \"url\": \"${repositoryUrl}\"}", '--no-install', '--no-progress',
                        'magento/project-community-edition', 'shop', '2.4.7'])
def shop = new File(work, 'shop')
def composer = { List<String> args -> support.composer(shop, args) }
composer(['config', 'repo.packagist', 'false'])
composer(['install', '--no-progress'])
def installed = new JsonSlurper().parse(new File(shop, 'vendor/composer/installed.json')).packages.collectEntries { [(it.name): it.version] }
assert installed == expectedContent['2.4.7'] + ['magento/product-community-edition': '2.4.7']
def vendor = new File(shop, 'vendor')
assert new File(vendor, 'magento/module-catalog/Model/Product.php').text == new File(basedir, 'src/patched/Product.php').text
assert new File(vendor, 'magento/module-store/Model/Store.php').text == atTag(magento2, '2.4.6', 'app/code/Magento/Store/Model/Store.php')
assert new File(vendor, 'magento/framework/App/Bootstrap.php').text == atTag(magento2, '2.4.7', 'lib/internal/Magento/Framework/App/Bootstrap.php')
assert !new File(vendor, 'magento/framework/Amqp').exists()
assert new File(vendor, 'magento/framework-amqp/Config.php').isFile()
assert new File(vendor, 'magento/module-two-factor-auth/Model/Tfa.php').text == atTag(security, '1.1.4', 'TwoFactorAuth/Model/Tfa.php')
def baseDir = new File(vendor, 'magento/magento2-base')
assert new File(baseDir, 'index.php').text == atTag(magento2, '2.4.7', 'index.php')
assert new File(baseDir, 'var').isDirectory() && new File(baseDir, 'var').list().length == 0
assert new File(baseDir, 'generated/code').isDirectory()
assert !new File(baseDir, 'composer.lock').exists() && !new File(baseDir, '.github').exists() && !new File(baseDir, 'app/code').exists()
true
