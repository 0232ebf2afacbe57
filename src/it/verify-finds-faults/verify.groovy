// The build failed in the verify goal, after the repository was built, with a report naming each fault.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert new File(basedir, 'target/repository/packages.json').isFile(): 'package and index ran before verify'
assert log =~ /mage-os-maven-plugin:[^:]+:verify \(default-verify\)/
assert log.contains('nightly/product 2.0.0 requires nightly/framework 2.0.1, which no version in the repository satisfies')
assert log.contains('nightly/product 2.0.0 requires nightly/framework-stomp 2.0.0, which the repository does not have (vendor nightly is first-party)')
// psr/log is third-party: not checked
assert !log.contains('psr/log ^3, which')
// the summary table
assert log =~ /first-party requirements satisfiable\s+2\s+2/
assert log =~ /dist present, sha1 as in metadata\s+1\s+0/
assert log.contains('[ERROR] Failed to execute goal')
true
