// repos/modules: nightly/framework 2.0.0 and a metapackage that requires nightly/framework 2.0.1 and
// nightly/framework-stomp 2.0.0, neither of which the distribution builds.

def support = evaluate(new File(itCommon, 'support.groovy'))
def repo = new File(support.freshWorkspace(), 'modules')
repo.mkdirs()
support.git(repo, '2024-05-01T00:00:00+00:00', ['init', '-q'])
support.write(repo, [
    'Framework/composer.json'   : '{\n    "name": "nightly/framework",\n    "version": "2.0.0"\n}\n',
    'Framework/App.php'         : '<?php\n',
    '_metapackage/composer.json': '''{
    "name": "nightly/product",
    "type": "metapackage",
    "version": "2.0.0",
    "require": {
        "nightly/framework": "2.0.1",
        "nightly/framework-stomp": "2.0.0",
        "psr/log": "^3"
    }
}
''',
])
support.commitAndTag(repo, '2024-05-01T00:00:00+00:00', '2.0.0')
true
