// The launcher of a server trained with JDK 25+ (an AOT cache): it starts on any JDK 17+ without a
// JVM message (JDK 17 does not know -XX:AOTCache and would exit), uses the bundled cache with that
// JDK, also in a copied folder (JDK 25 matches the jars by relative path and size), and on a JDK
// 17-24 the archive the JVM writes into the user cache on the first run.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'LauncherRuns.groovy'))
def jdks = support.jdks()
def log = new File(basedir, 'build.log').text
assert log =~ /BUILD SUCCESS/
if (support.jdkWithAotCache(jdks) == null) {
  println "SKIPPED launcher-built-on-jdk25: no JDK 25 or later on this machine (found ${jdks}); set IT_JDK_HOMES to add one"
  return true
}
def build = support.petstore(basedir)
def name = support.PETSTORE
assert new File(build.folder, "${name}.aot").isFile() : 'no AOT cache'
assert !new File(build.folder, "${name}.jsa").exists()
assert log.contains("${name}.aot") && log.contains('from a training run (initialize, tools/list, showPetById)')

assert support.runPetstore(build, build.launcher).archived : 'the bundled AOT cache was not used'

def moved = support.copy(build.folder, new File(basedir, "target/moved folder/$name"))
assert support.runPetstore(build, new File(moved, name)).archived : 'the copied folder did not use its AOT cache'
assert support.cached(build).isEmpty()

def other = support.jdkWithClassDataArchive(jdks)
if (other != null) {
  support.otherJdkArchivesIntoTheUserCache(build, other)
} else {
  println "SKIPPED launcher-built-on-jdk25, other JDK: no JDK 17 to 24 on this machine (found ${jdks})"
}
return true
