// The launcher of a server trained with JDK 17-24 (a .jsa): it starts on any JDK 17+ without a JVM
// message, uses the bundled archive with that JDK in its folder, and otherwise (a JDK 25+, a copy
// of the folder) the archive the JVM writes into the user cache on the first run.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'LauncherRuns.groovy'))
def jdks = support.jdks()
def built = support.jdkWithClassDataArchive(jdks)
def other = support.jdkWithAotCache(jdks)
def log = new File(basedir, 'build.log').text
assert log =~ /BUILD SUCCESS/
if (built == null) {
  println "SKIPPED launcher-built-on-jdk17: no JDK 17 to 24 on this machine (found ${jdks}); set IT_JDK_HOMES to add one"
  return true
}
def name = 'petstore-mcp-server'
def main = 'it.petstore.PetstoreServer'
def folder = new File(basedir, "target/$name")
assert new File(folder, "${name}.jsa").isFile() : 'no class-data archive'
assert !new File(folder, "${name}.aot").exists()
assert new File(folder, "${name}.cmd").isFile() && new File(folder, "${name}.jar").isFile()
assert new File(folder, 'lib').list().any { it.startsWith('openapi-mcp-runtime-') }
def launcher = new File(folder, name)
assert launcher.canExecute()
def cache = new File(basedir, 'target/user-cache')
cache.deleteDir()
def runs = new File(basedir, 'target/runs')
def env = [OPENAPI_MCP_CACHE_DIR: cache.path]
def tools = ['listPets', 'createPet', 'showPetById', 'deletePet']
def cached = { (cache.list() ?: []) as List }

// In its folder, with the JDK that trained it: the bundled archive, and nothing in the user cache.
def inPlace = support.run(launcher, main, env, runs)
assert inPlace.tools == tools
assert inPlace.archived : 'the bundled archive was not used'
assert cached().isEmpty()

// Another JDK: no archive the first time (the JVM writes one into the user cache as it exits), that one the next.
def otherJava = other == null ? null : new File(other, 'bin/java').path
if (other != null) {
  def otherEnv = env + [OPENAPI_MCP_JAVA: otherJava]
  def first = support.run(launcher, main, otherEnv, runs)
  assert first.tools == tools && !first.archived
  assert cached().size() == 1 : "expected one archive in the user cache: ${cached()}"
  def second = support.run(launcher, main, otherEnv, runs)
  assert second.tools == tools
  assert second.archived : "${other} did not use the archive it wrote into the user cache"
  // ... and with no user cache: still no JVM message, and no archive.
  def noCache = support.run(launcher, main, [OPENAPI_MCP_CACHE_DIR: 'none', OPENAPI_MCP_JAVA: otherJava], runs)
  assert noCache.tools == tools && !noCache.archived
  assert cached().size() == 1
} else {
  println "SKIPPED launcher-built-on-jdk17, other JDK: no JDK 25 or later on this machine (found ${jdks})"
}

// A copy of the folder (new paths and modification times, which a JDK 17 archive records): the
// same as another JDK. --version first, which must not leave a (poor) archive behind.
def before = cached()
def moved = support.copy(folder, new File(basedir, "target/moved/$name"))
def movedLauncher = new File(moved, name)
def version = new ProcessBuilder(movedLauncher.path, '--version').redirectErrorStream(true)
version.environment().putAll(env)
def versionRun = version.start()
assert versionRun.inputStream.text.startsWith("$name ")
assert versionRun.waitFor() == 0
assert cached() == before : '--version wrote an archive into the user cache'
def firstMoved = support.run(movedLauncher, main, env, runs)
assert firstMoved.tools == tools && !firstMoved.archived
def secondMoved = support.run(movedLauncher, main, env, runs)
assert secondMoved.archived : 'the moved folder did not use the archive written into the user cache'
assert cached().size() == before.size() + 1

// A path with a space: JDK 17 would map an archive but load none of the server's classes from it,
// so the launcher starts without one, and writes none.
def spaced = support.copy(folder, new File(basedir, "target/moved folder/$name"))
def spacedRun = support.run(new File(spaced, name), main, env, runs)
assert spacedRun.tools == tools && !spacedRun.archived
assert cached().size() == before.size() + 1

// No java at all: one sentence, exit 2.
def missing = new ProcessBuilder(launcher.path).redirectErrorStream(true)
missing.environment().put('OPENAPI_MCP_JAVA', new File(basedir, 'no-such-jdk/bin/java').path)
def missingRun = missing.start()
def said = missingRun.inputStream.text
assert missingRun.waitFor() == 2
assert said.readLines() == ["$name: no java found: set OPENAPI_MCP_JAVA or JAVA_HOME, or put java 17 or newer on the PATH."]
return true
