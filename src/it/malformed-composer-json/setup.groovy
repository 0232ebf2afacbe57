// Creates repos/broken-lib: tag 1.0.0 has a good composer.json, tag 1.0.1 a broken one (a missing brace).

def support = evaluate(new File(itCommon, 'support.groovy'))
def reposDir = support.freshWorkspace()
def git = support.git

def repo = new File(reposDir, 'broken-lib')
repo.mkdirs()
git(repo, '2024-01-01T00:00:00+00:00', ['init', '-q'])
new File(repo, 'src').mkdirs()
new File(repo, 'src/Lib.php').setText('<?php\n', 'UTF-8')
new File(repo, 'composer.json').setText('{\n    "name": "itest/broken-lib",\n    "require": {\n        "php": ">=8.1"\n    }\n}\n', 'UTF-8')
support.commitAndTag(repo, '2024-01-02T00:00:00+00:00', '1.0.0')
new File(repo, 'composer.json').setText('{\n    "name": "itest/broken-lib",\n    "require": {\n        "php": ">=8.1"\n    \n}\n', 'UTF-8')
support.commitAndTag(repo, '2024-02-02T00:00:00+00:00', '1.0.1')

true
