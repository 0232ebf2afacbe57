// Creates two git repositories shaped like Magento's, for the ITs that build Magento / Mage-OS distributions:
//   magento2         modules under app/code/Magento, a theme under app/design, lib/internal/Magento/Framework with
//                    a sub-package (Amqp), a root composer.json with a `replace` list (not a package itself), files of
//                    the base package; tags 2.4.6 and 2.4.7 (Catalog, the framework and Amqp change version, Store
//                    and the theme do not)
//   security-package one package per top-level folder, `_metapackage`, tags 1.1.3 and 1.1.4; its module requires
//                    magento2's modules with "*"
// Usage (in setup.groovy): evaluate(new File(itCommon, 'magento-repositories.groovy'))(support, reposDir)
// Fixed dates make every run the same commits.

return { support, File reposDir ->
    def git = support.git
    def write = support.write
    def commitAndTag = support.commitAndTag

    def module = { String name, String version, Map require, String type = 'magento2-module' ->
        groovy.json.JsonOutput.prettyPrint(groovy.json.JsonOutput.toJson([name: name, description: "${name} sample".toString(), type: type,
                version: version, require: require])) + '\n'
    }

    def magento2 = new File(reposDir, 'magento2')
    magento2.mkdirs()
    git(magento2, '2024-01-01T00:00:00+00:00', ['init', '-q'])
    def release = { String tag, String catalog, String framework, String amqp ->
        [
            'composer.json'                                   : groovy.json.JsonOutput.prettyPrint(groovy.json.JsonOutput.toJson([
                name   : 'magento/magento2ce', type: 'project', version: tag,
                require: [php: '>=8.1'],
                replace: ['magento/module-catalog': '*', 'magento/module-store': '*', 'magento/framework': '*',
                          'magento/framework-amqp': '*', 'magento/theme-frontend-luma': '*']])) + '\n',
            'composer.lock'                                   : '{"packages": []}\n',
            '.github/workflows/ci.yml'                        : 'on: push\n',
            'index.php'                                       : "<?php // magento2 ${tag}\n".toString(),
            'app/etc/di.xml'                                  : '<config/>\n',
            'pub/index.php'                                   : "<?php // pub ${tag}\n".toString(),
            'app/code/Magento/Catalog/composer.json'          : module('magento/module-catalog', catalog,
                    ['magento/framework': '*', 'magento/module-store': '*']),
            'app/code/Magento/Catalog/Model/Product.php'      : "<?php // Catalog ${catalog}\n".toString(),
            // the same version at both tags, so built once; it requires nothing that changes version
            'app/code/Magento/Store/composer.json'            : module('magento/module-store', '101.0.6', [php: '>=8.1']),
            'app/code/Magento/Store/Model/Store.php'          : '<?php // Store\n',
            'app/design/frontend/Magento/luma/composer.json'  : module('magento/theme-frontend-luma', '100.4.6',
                    ['magento/module-store': '*'], 'magento2-theme'),
            'app/design/frontend/Magento/luma/theme.xml'      : '<theme/>\n',
            'lib/internal/Magento/Framework/composer.json'    : module('magento/framework', framework, [php: '>=8.1'], 'magento2-library'),
            'lib/internal/Magento/Framework/App/Bootstrap.php': "<?php // Framework ${framework}\n".toString(),
            'lib/internal/Magento/Framework/Amqp/composer.json': module('magento/framework-amqp', amqp,
                    ['magento/framework': '*'], 'magento2-library'),
            'lib/internal/Magento/Framework/Amqp/Config.php'  : '<?php // Amqp\n',
        ]
    }
    write(magento2, release('2.4.6', '104.0.6', '103.0.6', '100.4.4'))
    commitAndTag(magento2, '2024-02-01T10:00:00+00:00', '2.4.6')
    write(magento2, release('2.4.7', '104.0.7', '103.0.7', '100.4.5'))
    commitAndTag(magento2, '2024-04-09T10:00:00+00:00', '2.4.7')

    def security = new File(reposDir, 'security-package')
    security.mkdirs()
    git(security, '2024-01-01T00:00:00+00:00', ['init', '-q'])
    def securityRelease = { String tag ->
        [
            'TwoFactorAuth/composer.json'    : module('magento/module-two-factor-auth', tag,
                    ['magento/module-store': '*', 'magento/framework': '*']),
            'TwoFactorAuth/Model/Tfa.php'    : "<?php // TwoFactorAuth ${tag}\n".toString(),
            '_metapackage/composer.json'     : module('magento/security-package', tag, ['magento/module-two-factor-auth': '*'],
                    'metapackage'),
            '.github/workflows/ci.yml'       : 'on: push\n',
        ]
    }
    write(security, securityRelease('1.1.3'))
    commitAndTag(security, '2024-02-02T10:00:00+00:00', '1.1.3')
    write(security, securityRelease('1.1.4'))
    commitAndTag(security, '2024-04-10T10:00:00+00:00', '1.1.4')
    [magento2: magento2, security: security]
}
