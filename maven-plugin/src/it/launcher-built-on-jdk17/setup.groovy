// Trains with a JDK that writes a class-data archive (17 to 24) when this machine has one; else the
// build runs on its own JDK and verify.groovy says what it skipped.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'LauncherRuns.groovy'))
def jdk = support.jdkWithClassDataArchive(support.jdks())
def properties = new Properties()
if (jdk != null) {
  properties['openapi-mcp.java'] = new File(jdk, 'bin/java').path
}
new File(basedir, 'test.properties').withWriter('UTF-8') { properties.store(it, 'written by setup.groovy') }
return true
