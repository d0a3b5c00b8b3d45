// Trains with a JDK that writes an AOT cache (25 or later) when this machine has one; else the
// build runs on its own JDK and verify.groovy says what it skipped.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'LauncherRuns.groovy'))
def jdk = support.jdkWithAotCache(support.jdks())
def properties = new Properties()
if (jdk != null) {
  properties['openapi-mcp.java'] = new File(jdk, 'bin/java').path
}
new File(basedir, 'test.properties').withWriter('UTF-8') { properties.store(it, 'written by setup.groovy') }
return true
