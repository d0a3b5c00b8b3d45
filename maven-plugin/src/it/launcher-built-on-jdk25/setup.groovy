// Trains with a JDK that writes an AOT cache (25 or later) when this machine has one; else the
// build runs on its own JDK and verify.groovy says what it skipped.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'LauncherRuns.groovy'))
support.trainWith(basedir, support.jdkWithAotCache(support.jdks()))
return true
