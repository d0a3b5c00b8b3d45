// The launcher of a server trained with JDK 25+ (an AOT cache): it starts on any JDK 17+ without a
// JVM message (JDK 17 does not know -XX:AOTCache and would exit), uses the bundled cache with that
// JDK, also in a copied folder (JDK 25 matches the jars by relative path and size), and on a JDK
// 17-24 the archive the JVM writes into the user cache on the first run.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'LauncherRuns.groovy'))
def jdks = support.jdks()
def built = support.jdkWithAotCache(jdks)
def other = support.jdkWithClassDataArchive(jdks)
def log = new File(basedir, 'build.log').text
assert log =~ /BUILD SUCCESS/
if (built == null) {
  println "SKIPPED launcher-built-on-jdk25: no JDK 25 or later on this machine (found ${jdks}); set IT_JDK_HOMES to add one"
  return true
}
def name = 'petstore-mcp-server'
def main = 'it.petstore.PetstoreServer'
def folder = new File(basedir, "target/$name")
assert new File(folder, "${name}.aot").isFile() : 'no AOT cache'
assert !new File(folder, "${name}.jsa").exists()
assert log.contains("${name}.aot") && log.contains('from a training run (initialize, tools/list, showPetById)')
def launcher = new File(folder, name)
def cache = new File(basedir, 'target/user-cache')
cache.deleteDir()
def runs = new File(basedir, 'target/runs')
def env = [OPENAPI_MCP_CACHE_DIR: cache.path]
def tools = ['listPets', 'createPet', 'showPetById', 'deletePet']
def cached = { (cache.list() ?: []) as List }

def inPlace = support.run(launcher, main, env, runs)
assert inPlace.tools == tools
assert inPlace.archived : 'the bundled AOT cache was not used'

def moved = support.copy(folder, new File(basedir, "target/moved folder/$name"))
def movedRun = support.run(new File(moved, name), main, env, runs)
assert movedRun.tools == tools
assert movedRun.archived : 'the copied folder did not use its AOT cache'
assert cached().isEmpty()

if (other != null) {
  def otherEnv = env + [OPENAPI_MCP_JAVA: new File(other, 'bin/java').path]
  def first = support.run(launcher, main, otherEnv, runs)
  assert first.tools == tools && !first.archived
  assert cached().size() == 1 : "expected one archive in the user cache: ${cached()}"
  def second = support.run(launcher, main, otherEnv, runs)
  assert second.archived : "${other} did not use the archive it wrote into the user cache"
} else {
  println "SKIPPED launcher-built-on-jdk25, other JDK: no JDK 17 to 24 on this machine (found ${jdks})"
}
return true
