// The build failed because of <failOnMissingRequirements>; the table and the report say why.

import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD FAILURE')
// the repository was built before the analysis ran
assert new File(basedir, 'target/repository/packages.json').isFile()

def row = { String name -> log.readLines().find { it =~ /\[INFO\] ${java.util.regex.Pattern.quote(name)}\s+1\.0\.0\s+\d+\s/ } }
assert log.contains('[INFO] Analyzed the newest tag of each source: shop 1.0.0, lib 1.0.0')
assert log.readLines().any { it =~ /\[INFO\] package\s+version\s+files\s+result\s+missing \(runtime\)\s+missing \(tests only\)\s+optional \(suggest\)\s+unused\s+checked\s+unchecked\s+unresolved/ }
// columns: files, result, missing (runtime), missing (tests only), optional (suggest), unused, checked, unchecked, unresolved
def columns = { String name -> def line = row(name); assert line != null: name; line.replaceFirst(/^\[INFO\] /, '').split(/ {2,}/).drop(2) as List }
assert columns('itest/module-a') == ['3', 'findings', 'itest/module-b', '-', '-', '-', '3/3', '-', '0']: log
assert columns('itest/module-b') == ['1', 'findings', 'monolog/monolog', '-', '-', 'itest/module-c', '2/2', '-', '0']: log
assert columns('itest/module-c') == ['2', 'clean', '-', 'itest/module-a', 'itest/module-b', '-', '2/2', '-', '0']: log
assert columns('itest/module-d') == ['2', 'clean', '-', '-', '-', '-', '1/1', '-', '0']: log
assert columns('itest/framework') == ['2', 'clean', '-', '-', '-', '-', '0/0', '-', '0']: log
assert columns('itest/lib') == ['1', 'clean', '-', '-', '-', '-', '0/0', '-', '0']: log
assert row('itest/product') == null: 'a metapackage has no code to analyze'

assert log.contains('itest/module-a 1.0.0 uses ITest\\ModuleB\\Block\\View of itest/module-b, which its composer.json does not require')
assert log.contains('Packages use code of packages they do not require (<failOnMissingRequirements>): '
        + 'itest/module-a lacks itest/module-b; itest/module-b lacks monolog/monolog')

def report = new JsonSlurper().parse(new File(basedir, 'target/mage-os/dependencies.json'))
def a = report.packages.find { it.name == 'itest/module-a' }
assert a.missing == ['itest/module-b']
assert a.unused == []
// the string and the xsi:type="string" argument that look like module C's class do not count
assert a.uses.keySet() == ['itest/framework', 'itest/lib', 'itest/module-b', 'itest/module-d'] as Set
// module D through its RequireJS id only, mapped by the module name its registration.php registers
assert a.uses['itest/module-d'] == ['ITest_ModuleD/js/widget']
assert a.uses['itest/lib'] == ['ITest\\Lib\\Logger']
def b = report.packages.find { it.name == 'itest/module-b' }
assert b.uses.keySet() == ['itest/framework', 'monolog/monolog'] as Set
// __() is the global function of itest/framework's autoload files
assert b.uses['itest/framework'].contains('ITest\\ModuleB\\Block\\__()')
def c = report.packages.find { it.name == 'itest/module-c' }
assert c.uses.keySet() == ['itest/framework', 'itest/module-b', 'psr/log'] as Set
assert c.optional == ['itest/module-b']
assert c.missingInTests == ['itest/module-a']
assert c.testUses['itest/module-a'] == ['ITest\\ModuleA\\Model\\Thing']

true
