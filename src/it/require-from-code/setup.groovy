// Creates repos/shop: modules under app/code/ITest/* and a base package's code around them (setup/, app/etc/,
// dev/tests/). Tag 1.0.0 on main; then a develop branch where the base uses module-c, a module never released.

def support = evaluate(new File(itCommon, 'support.groovy'))
def reposDir = support.freshWorkspace()

def module = { String name, String version, Map autoload ->
    groovy.json.JsonOutput.prettyPrint(groovy.json.JsonOutput.toJson([name: name, version: version, autoload: autoload])) + '\n'
}

def shop = new File(reposDir, 'shop')
shop.mkdirs()
support.git(shop, '2026-11-01T00:00:00+00:00', ['init', '-q'])
support.write(shop, [
    'app/code/ITest/ModuleA/composer.json': module('itest/module-a', '1.0.0',
            ['psr-4': ['ITest\\ModuleA\\': ''], files: ['functions.php']]),
    'app/code/ITest/ModuleA/Model/Thing.php': '<?php\nnamespace ITest\\ModuleA\\Model;\n\nclass Thing\n{\n}\n',
    'app/code/ITest/ModuleA/functions.php': '<?php\nfunction itest_helper(): int\n{\n    return 1;\n}\n',
    'app/code/ITest/ModuleB/composer.json': module('itest/module-b', '2.0.0', ['psr-4': ['ITest\\ModuleB\\': '']]),
    'app/code/ITest/ModuleB/Model/Config.php': '<?php\nnamespace ITest\\ModuleB\\Model;\n\nclass Config\n{\n}\n',
    // modules the base names only by their Magento module name (ITest_ModuleE in etc/module.xml, ITest_ModuleF in
    // registration.php): a RequireJS id in its JavaScript, a template id in its layout XML
    'app/code/ITest/ModuleE/composer.json': module('itest/module-e', '1.1.0', ['psr-4': ['ITest\\ModuleE\\': '']]),
    'app/code/ITest/ModuleE/etc/module.xml': '<?xml version="1.0"?>\n<config><module name="ITest_ModuleE"/></config>\n',
    'app/code/ITest/ModuleF/composer.json': module('itest/module-f', '1.2.0', ['psr-4': ['ITest\\ModuleF\\': ''], files: ['registration.php']]),
    'app/code/ITest/ModuleF/registration.php': '<?php\nComponentRegistrar::register(ComponentRegistrar::MODULE, \'ITest_ModuleF\', __DIR__);\n',
    'lib/web/itest/boot.js': "define(['jquery', 'ITest_ModuleE/js/boot'], function (jq, boot) { return boot; });\n",
    'app/design/frontend/ITest/blank/layout/default.xml': '<?xml version="1.0"?>\n<page><body><block name="footer" template="ITest_ModuleF::footer.phtml"/></body></page>\n',
    'app/code/ITest/ModuleUnused/composer.json': module('itest/module-unused', '5.0.0', ['psr-4': ['ITest\\ModuleUnused\\': '']]),
    // the base's code: module-a's class and function, a third-party class
    'setup/src/Installer.php': '''<?php
namespace ITest\\Setup;

use ITest\\ModuleA\\Model\\Thing;
use ThirdParty\\Logger\\Logger;

class Installer
{
    public function run(Logger $log): Thing
    {
        itest_helper();
        return new Thing();
    }
}
''',
    // module-b through configuration only
    'app/etc/di.xml': '''<?xml version="1.0"?>
<config xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
    <preference for="ITest\\Setup\\ConfigInterface" type="ITest\\ModuleB\\Model\\Config"/>
</config>
''',
    // a test: PHPUnit is require-dev's business, it does not count
    'dev/tests/InstallerTest.php': '<?php\nnamespace ITest\\Test;\n\nclass InstallerTest extends \\PHPUnit\\Framework\\TestCase\n{\n}\n',
])
support.commitAndTag(shop, '2026-11-02T10:00:00+00:00', '1.0.0')

support.git(shop, null, ['checkout', '-q', '-b', 'develop'])
support.write(shop, [
    'app/code/ITest/ModuleC/composer.json': module('itest/module-c', '1.0.0-dev', ['psr-4': ['ITest\\ModuleC\\': '']]),
    'app/code/ITest/ModuleC/Model/Widget.php': '<?php\nnamespace ITest\\ModuleC\\Model;\n\nclass Widget\n{\n}\n',
    'app/etc/di.xml': '''<?xml version="1.0"?>
<config xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
    <preference for="ITest\\Setup\\ConfigInterface" type="ITest\\ModuleB\\Model\\Config"/>
    <type name="ITest\\ModuleC\\Model\\Widget"/>
</config>
''',
])
support.git(shop, '2026-11-10T10:00:00+00:00', ['add', '-A'])
support.git(shop, '2026-11-10T10:00:00+00:00', ['commit', '-q', '-m', 'develop work'])
support.git(shop, null, ['checkout', '-q', 'main'])
true
