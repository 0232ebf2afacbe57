def support = evaluate(new File(itCommon, 'support.groovy'))
evaluate(new File(itCommon, 'magento-repositories.groovy'))(support, support.freshWorkspace())

// a zip published as it is: made here with fixed entry times, so its bytes are the same on every run
def prebuilt = new File(basedir, 'src/prebuilt/prebuilt-sample-2.0.0.zip')
support.zip(prebuilt, ['composer.json': '{\n    "name": "mage-os/prebuilt-sample",\n    "version": "2.0.0",\n    "type": "library"\n}\n',
         'src/Sample.php': '<?php // prebuilt\n'])
true
