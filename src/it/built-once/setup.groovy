// One repository with two modules at one tag.

def support = evaluate(new File(itCommon, 'support.groovy'))
def reposDir = support.freshWorkspace()
def modules = new File(reposDir, 'modules')
modules.mkdirs()
support.git(modules, '2024-01-01T00:00:00+00:00', ['init', '-q'])
support.write(modules, [
    'A/composer.json': '{\n    "name": "once/a",\n    "version": "1.0.0"\n}\n',
    'A/A.php'        : '<?php\n',
    'B/composer.json': '{\n    "name": "once/b",\n    "version": "2.0.0"\n}\n',
    'B/B.php'        : '<?php\n',
])
support.commitAndTag(modules, '2024-04-01T10:00:00+00:00', '1.0.0')
true
