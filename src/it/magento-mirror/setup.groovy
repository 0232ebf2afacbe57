def support = evaluate(new File(itCommon, 'support.groovy'))
evaluate(new File(itCommon, 'magento-repositories.groovy'))(support, support.freshWorkspace())
true
