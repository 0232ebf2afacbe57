// Creates repos/modules: two packages in top-level folders, tags 1.0.0 and 1.1.0, fixed dates.

def support = evaluate(new File(itCommon, 'support.groovy'))
support.deployModules(support.freshWorkspace())

true
