// Trains with a JDK that writes a class-data archive (17 to 24) when this machine has one; else the
// build runs on its own JDK and verify.groovy says what it skipped.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'LauncherRuns.groovy'))
support.trainWith(basedir, support.jdkWithClassDataArchive(support.jdks()))
return true
