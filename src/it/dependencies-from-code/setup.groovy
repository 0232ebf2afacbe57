// Creates repos/shop (one package per top-level folder) and repos/lib. Module A uses ITest\ModuleB\Block\View
// without requiring itest/module-b; module B requires itest/module-c and never uses it, and uses Monolog\Logger
// (monolog/monolog, from the composer.lock of <classMaps>) without requiring it. Module A requires module D, which it uses only
// through a RequireJS id (ITest_ModuleD/js/widget; module D registers ITest_ModuleD). Module C uses module B, which it
// only suggests (optional), and its unit test uses module A (a test's need, not a runtime one).

def support = evaluate(new File(itCommon, 'support.groovy'))
def reposDir = support.freshWorkspace()

def composerJson = { String name, Map require, Map autoload, String type = 'magento2-module' ->
    groovy.json.JsonOutput.prettyPrint(groovy.json.JsonOutput.toJson(
            [name: name, type: type, version: '1.0.0', require: require] + (autoload ? [autoload: autoload] : [:]))) + '\n'
}

def shop = new File(reposDir, 'shop')
shop.mkdirs()
support.git(shop, '2024-01-01T00:00:00+00:00', ['init', '-q'])
support.write(shop, [
    'Framework/composer.json': composerJson('itest/framework', [php: '>=8.1'],
            ['psr-4': ['ITest\\Framework\\': ''], files: ['functions.php']], 'library'),
    'Framework/Base.php'     : '<?php\nnamespace ITest\\Framework;\n\nabstract class Base\n{\n}\n',
    'Framework/functions.php': '<?php\nfunction __(string $text): string\n{\n    return $text;\n}\n',

    'ModuleA/composer.json'  : composerJson('itest/module-a',
            [php: '>=8.1', 'ext-json': '*', 'itest/framework': '*', 'itest/lib': '^1.0', 'itest/module-d': '*'], ['psr-4': ['ITest\\ModuleA\\': '']]),
    'ModuleA/view/frontend/requirejs-config.js': "var config = {map: {'*': {itestWidget: 'ITest_ModuleD/js/widget'}}};\n",
    'ModuleA/Model/Thing.php': '''<?php
namespace ITest\\ModuleA\\Model;

use ITest\\Framework\\Base;
use ITest\\ModuleB\\Block\\View;

class Thing extends Base
{
    // ITest\\ModuleC\\Model\\Widget in a comment does not count
    private const NOT_A_USE = 'ITest\\\\ModuleC\\\\Model\\\\Widget';

    public function view(): View
    {
        return new View();
    }
}
''',
    'ModuleA/etc/di.xml'     : '''<?xml version="1.0"?>
<config xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
    <type name="ITest\\ModuleA\\Model\\Thing">
        <arguments>
            <argument name="logger" xsi:type="object">ITest\\Lib\\Logger</argument>
            <argument name="widget" xsi:type="string">ITest\\ModuleC\\Model\\Widget</argument>
        </arguments>
    </type>
</config>
''',

    'ModuleB/composer.json'  : composerJson('itest/module-b',
            [php: '>=8.1', 'itest/framework': '*', 'itest/module-c': '*'], ['psr-4': ['ITest\\ModuleB\\': '']]),
    'ModuleB/Block/View.php' : '''<?php
namespace ITest\\ModuleB\\Block;

class View extends \\ITest\\Framework\\Base
{
    public function title(\\Monolog\\Logger $logger): string
    {
        return __('Title');
    }
}
''',

    'ModuleC/composer.json'  : groovy.json.JsonOutput.prettyPrint(groovy.json.JsonOutput.toJson([name: 'itest/module-c',
            type: 'magento2-module', version: '1.0.0', require: [php: '>=8.1', 'itest/framework': '*', 'psr/log': '^3.0'],
            suggest: ['itest/module-b': 'for titles'], autoload: ['psr-4': ['ITest\\ModuleC\\': '']]])) + '\n',
    'ModuleC/Model/Widget.php': '''<?php
namespace ITest\\ModuleC\\Model;

use Psr\\Log\\LoggerInterface;

class Widget extends \\ITest\\Framework\\Base
{
    public function __construct(private LoggerInterface $logger, private ?\\ITest\\ModuleB\\Block\\View $view = null)
    {
    }
}
''',
    'ModuleC/Test/Unit/WidgetTest.php': '<?php\nnamespace ITest\\ModuleC\\Test\\Unit;\n\nclass WidgetTest\n{\n    private \\ITest\\ModuleA\\Model\\Thing $thing;\n}\n',

    'ModuleD/composer.json'  : composerJson('itest/module-d', [php: '>=8.1', 'itest/framework': '*'],
            ['psr-4': ['ITest\\ModuleD\\': ''], files: ['registration.php']]),
    'ModuleD/registration.php': '<?php\nuse ITest\\Framework\\ComponentRegistrar;\n\nComponentRegistrar::register(ComponentRegistrar::MODULE, \'ITest_ModuleD\', __DIR__);\n',
    'ModuleD/view/frontend/web/js/widget.js': "define(['jquery'], function (jq) { return {}; });\n",

    '_metapackage/composer.json': composerJson('itest/product',
            ['itest/module-a': '1.0.0', 'itest/module-b': '1.0.0', 'itest/module-c': '1.0.0'], null, 'metapackage'),
])
support.commitAndTag(shop, '2024-01-02T00:00:00+00:00', '1.0.0')

def lib = new File(reposDir, 'lib')
lib.mkdirs()
support.git(lib, '2024-01-01T00:00:00+00:00', ['init', '-q'])
support.write(lib, [
    'composer.json' : '{\n    "name": "itest/lib",\n    "autoload": {\n        "psr-4": { "ITest\\\\Lib\\\\": "src/" }\n    }\n}\n',
    'src/Logger.php': '<?php\nnamespace ITest\\Lib;\n\nclass Logger\n{\n}\n',
])
support.commitAndTag(lib, '2024-01-03T00:00:00+00:00', '1.0.0')

true
