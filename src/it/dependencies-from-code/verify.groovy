// The build failed because of <failOnMissingRequirements>; the table and the report say why.

import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD FAILURE')
// the repository was built before the analysis ran
assert new File(basedir, 'target/repository/packages.json').isFile()

def row = { String name -> log.readLines().find { it =~ /\[INFO\] ${java.util.regex.Pattern.quote(name)}\s+1\.0\.0\s+\d+\s/ } }
assert log.readLines().any { it =~ /\[INFO\] package\s+version\s+files\s+missing requirements\s+unused requirements/ }
assert row('itest/module-a') =~ /1\.0\.0\s+2\s+itest\/module-b\s+-$/: log
assert row('itest/module-b') =~ /1\.0\.0\s+1\s+monolog\/monolog\s+itest\/module-c$/: log
assert row('itest/module-c') =~ /1\.0\.0\s+1\s+-\s+-$/: log
assert row('itest/framework') =~ /1\.0\.0\s+2\s+-\s+-$/: log
assert row('itest/lib') =~ /1\.0\.0\s+1\s+-\s+-$/: log
assert row('itest/product') == null: 'a metapackage has no code to analyze'

assert log.contains('itest/module-a 1.0.0 uses ITest\\ModuleB\\Block\\View of itest/module-b, which its composer.json does not require')
assert log.contains('Packages use code of packages they do not require (<failOnMissingRequirements>): '
        + 'itest/module-a lacks itest/module-b; itest/module-b lacks monolog/monolog')

def report = new JsonSlurper().parse(new File(basedir, 'target/mage-os/dependencies.json'))
def a = report.packages.find { it.name == 'itest/module-a' }
assert a.missing == ['itest/module-b']
assert a.unused == []
// the string and the xsi:type="string" argument that look like module C's class do not count
assert a.uses.keySet() == ['itest/framework', 'itest/lib', 'itest/module-b'] as Set
assert a.uses['itest/lib'] == ['ITest\\Lib\\Logger']
def b = report.packages.find { it.name == 'itest/module-b' }
assert b.uses.keySet() == ['itest/framework', 'monolog/monolog'] as Set
// __() is the global function of itest/framework's autoload files
assert b.uses['itest/framework'].contains('ITest\\ModuleB\\Block\\__()')
def c = report.packages.find { it.name == 'itest/module-c' }
assert c.uses.keySet() == ['itest/framework', 'psr/log'] as Set

true
