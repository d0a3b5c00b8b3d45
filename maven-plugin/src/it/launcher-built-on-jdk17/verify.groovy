// The launcher of a server trained with JDK 17-24 (a .jsa): it starts on any JDK 17+ without a JVM
// message, uses the bundled archive with that JDK in its folder, and otherwise (a JDK 25+, a copy
// of the folder) the archive the JVM writes into the user cache on the first run.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'LauncherRuns.groovy'))
def jdks = support.jdks()
def log = new File(basedir, 'build.log').text
assert log =~ /BUILD SUCCESS/
if (support.jdkWithClassDataArchive(jdks) == null) {
  println "SKIPPED launcher-built-on-jdk17: no JDK 17 to 24 on this machine (found ${jdks}); set IT_JDK_HOMES to add one"
  return true
}
def build = support.petstore(basedir)
def name = support.PETSTORE
// Pass 2 of `package package` rewrote nothing (JDK 17 records the jars' modification times) and trained nothing.
assert log.findAll(/from a training run \(initialize, tools\/list\)/).size() == 1
assert log.findAll(/petstore-mcp-server\.jsa; up to date/).size() == 1
assert new File(build.folder, "${name}.jsa").isFile() : 'no class-data archive'
assert !new File(build.folder, "${name}.aot").exists()
assert new File(build.folder, "${name}.cmd").isFile() && new File(build.folder, "${name}.jar").isFile()
assert new File(build.folder, 'lib').list().any { it.startsWith('openapi-mcp-runtime-') }
assert build.launcher.canExecute()
// The build's jvmOptions follow the launcher's flags, their collector instead of the serial one (and the
// archive below, made under them, is used).
def flags = build.launcher.readLines().find { it.startsWith("flags='") }
assert flags.endsWith(" -XX:+UseParallelGC -Xss1m'") && !flags.contains('-XX:+UseSerialGC') : flags

// In its folder, with the JDK that trained it: the bundled archive, and nothing in the user cache.
assert support.runPetstore(build, build.launcher).archived : 'the bundled archive was not used'
assert support.cached(build).isEmpty()

def other = support.jdkWithAotCache(jdks)
if (other != null) {
  support.otherJdkArchivesIntoTheUserCache(build, other)
  // ... and with no user cache: still no JVM message, and no archive.
  def otherJava = new File(other, 'bin/java').path
  assert !support.runPetstore(build, build.launcher, [OPENAPI_MCP_CACHE_DIR: 'none', OPENAPI_MCP_JAVA: otherJava]).archived
} else {
  println "SKIPPED launcher-built-on-jdk17, other JDK: no JDK 25 or later on this machine (found ${jdks})"
}

// A copy of the folder (new paths and modification times, which a JDK 17 archive records): the
// same as another JDK. --version first, which must not leave a (poor) archive behind.
def before = support.cached(build)
def moved = new File(support.copy(build.folder, new File(basedir, "target/moved/$name")), name)
def version = new ProcessBuilder(moved.path, '--version').redirectErrorStream(true)
version.environment().put('OPENAPI_MCP_CACHE_DIR', build.cache.path)
def versionRun = version.start()
assert versionRun.inputStream.text.startsWith("$name ")
assert versionRun.waitFor() == 0
assert support.cached(build) == before : '--version wrote an archive into the user cache'
assert !support.runPetstore(build, moved).archived
assert support.runPetstore(build, moved).archived : 'the copied folder did not use the archive written into the user cache'
assert support.cached(build).size() == before.size() + 1

// A path with a space: JDK 17 would map an archive but load none of the server's classes from it,
// so the launcher starts without one, and writes none.
def spaced = support.copy(build.folder, new File(basedir, "target/moved folder/$name"))
assert !support.runPetstore(build, new File(spaced, name)).archived
assert support.cached(build).size() == before.size() + 1

// No java at all: one sentence, exit 2.
def missing = new ProcessBuilder(build.launcher.path).redirectErrorStream(true)
missing.environment().put('OPENAPI_MCP_JAVA', new File(basedir, 'no-such-jdk/bin/java').path)
def missingRun = missing.start()
def said = missingRun.inputStream.text
assert missingRun.waitFor() == 2
assert said.readLines() == ["$name: no java found: set OPENAPI_MCP_JAVA or JAVA_HOME, or put java 17 or newer on the PATH."]
return true
