import groovy.json.JsonSlurper
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

/**
 * Shared by the invoker scripts that run a server folder written by package-server: finds JDKs on
 * this machine, and runs a launcher the way an MCP client does (initialize, tools/list over stdio,
 * then end of input), checking what it printed and whether it started from a class-data archive.
 */
class LauncherRuns {

  /** Hang guard for one answer; never a performance bound. */
  static final long ANSWER_SECONDS = 120

  /**
   * The installed JDKs by feature release: the one running this build, $JAVA_HOME, and the usual
   * install folders (Linux packages, macOS, SDKMAN!, IntelliJ). IT_JDK_HOMES (paths separated by
   * the path separator) adds others.
   */
  static Map<Integer, File> jdks() {
    def candidates = [new File(System.getProperty('java.home'))]
    System.getenv('JAVA_HOME')?.with { candidates << new File(it) }
    System.getenv('IT_JDK_HOMES')?.split(File.pathSeparator)?.each { if (it) candidates << new File(it) }
    def home = System.getProperty('user.home')
    ['/usr/lib/jvm', '/usr/java', '/opt/java', '/Library/Java/JavaVirtualMachines', "$home/.sdkman/candidates/java",
     "$home/.jdks"].each { root ->
      new File(root).listFiles()?.sort()?.each { dir ->
        candidates << (new File(dir, 'Contents/Home').isDirectory() ? new File(dir, 'Contents/Home') : dir)
      }
    }
    def found = new TreeMap<Integer, File>()
    candidates.each { dir ->
      def release = new File(dir, 'release')
      if (new File(dir, 'bin/java').canExecute() && release.isFile()) {
        def version = release.readLines().find { it.startsWith('JAVA_VERSION=') }?.replaceAll(/^JAVA_VERSION="?|"$/, '')
        def feature = version?.find(/^\d+/)?.toInteger()
        if (feature && !found.containsKey(feature)) {
          found[feature] = dir.canonicalFile
        }
      }
    }
    return found
  }

  /** A JDK that writes a class-data archive (17 to 24, 17 preferred), or null. */
  static File jdkWithClassDataArchive(Map<Integer, File> jdks) {
    def feature = jdks.keySet().find { it >= 17 && it < 25 }
    return feature == null ? null : jdks[feature]
  }

  /** A JDK that writes an AOT cache (25 or later, the oldest preferred), or null. */
  static File jdkWithAotCache(Map<Integer, File> jdks) {
    def feature = jdks.keySet().find { it >= 25 }
    return feature == null ? null : jdks[feature]
  }

  /**
   * Runs {@code launcher} as an MCP client would and checks the run: exit code 0, standard output
   * only JSON-RPC messages (answers to initialize and tools/list), standard error without a JVM
   * [error] or [warning] line. {@code environment} is added to this process's environment
   * (a null value removes a variable).
   *
   * @return [tools: the tool names listed, archived: whether {@code mainClass} came from a
   *     class-data archive, stderr: the standard error text]
   */
  static Map run(File launcher, String mainClass, Map<String, String> environment, File workDir) {
    workDir.mkdirs()
    def classLoads = new File(workDir, "class-load-${System.nanoTime()}.log")
    def stderrFile = new File(workDir, "stderr-${System.nanoTime()}.log")
    def builder = new ProcessBuilder(launcher.path).redirectError(stderrFile)
    def env = builder.environment()
    ['OPENAPI_MCP_JAVA', 'OPENAPI_MCP_JAVA_OPTS', 'OPENAPI_MCP_CACHE_DIR', 'JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS',
     '_JAVA_OPTIONS'].each { env.remove(it) }
    environment.each { key, value -> value == null ? env.remove(key) : env.put(key, value) }
    // Where each class came from, to a file: -Xlog output on stdout would break the protocol.
    env.put('OPENAPI_MCP_JAVA_OPTS', ((env.get('OPENAPI_MCP_JAVA_OPTS') ?: '') + " -Xlog:class+load=info:file=$classLoads").trim())
    def process = builder.start()
    def lines = new LinkedBlockingQueue<String>()
    def reader = Thread.start {
      process.inputStream.withReader('UTF-8') { r -> r.eachLine { lines.put(it) } }
      lines.put('<end>')
    }
    def stdout = []
    def json = new JsonSlurper()
    def await = { int id ->
      while (true) {
        def line = lines.poll(ANSWER_SECONDS, TimeUnit.SECONDS)
        assert line != null : "no answer to request $id within $ANSWER_SECONDS s; stderr: ${stderrFile.text}"
        assert line != '<end>' : "the server closed its output before answering request $id; stderr: ${stderrFile.text}"
        stdout << line
        def message = json.parseText(line)
        assert message.jsonrpc == '2.0' : "not a JSON-RPC message on stdout: $line"
        if (message.id == id) {
          assert message.error == null : "request $id failed: $line"
          return message.result
        }
      }
    }
    def send = { String message ->
      process.outputStream.write((message + '\n').getBytes('UTF-8'))
      process.outputStream.flush()
    }
    try {
      send('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",'
          + '"capabilities":{},"clientInfo":{"name":"it","version":"1"}}}')
      def initialized = await(1)
      assert initialized.serverInfo.name
      send('{"jsonrpc":"2.0","method":"notifications/initialized"}')
      send('{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}')
      def tools = await(2).tools*.name
      process.outputStream.close()
      assert process.waitFor(ANSWER_SECONDS, TimeUnit.SECONDS) : "the server did not exit after its input closed"
      reader.join(TimeUnit.SECONDS.toMillis(ANSWER_SECONDS))
      lines.each { if (it != '<end>') { stdout << it; assert json.parseText(it).jsonrpc == '2.0' : "not JSON-RPC: $it" } }
      def stderr = stderrFile.text
      assert process.exitValue() == 0 : "exit ${process.exitValue()}; stderr: $stderr"
      def jvmMessages = stderr.readLines().findAll { it.contains('[error]') || it.contains('[warning]') ||
          it.startsWith('Error') || it.contains('Unrecognized VM option') }
      assert jvmMessages.isEmpty() : "JVM messages on stderr: $jvmMessages"
      def loads = classLoads.text.readLines().findAll { it.contains(" $mainClass source: ") }
      assert loads.size() == 1 : "$mainClass was not loaded, or twice: $loads"
      return [tools: tools, archived: loads[0].contains('source: shared objects file'), stderr: stderr]
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly()
      }
    }
  }

  /** setup.groovy: the build trains with {@code jdk} (-Dopenapi-mcp.java), or with its own JDK when null. */
  static void trainWith(File basedir, File jdk) {
    def properties = new Properties()
    if (jdk != null) {
      properties['openapi-mcp.java'] = new File(jdk, 'bin/java').path
    }
    new File(basedir, 'test.properties').withWriter('UTF-8') { properties.store(it, 'written by setup.groovy') }
  }

  static final String PETSTORE = 'petstore-mcp-server'
  static final List<String> PETSTORE_TOOLS = ['listPets', 'createPet', 'showPetById', 'deletePet']

  /**
   * The petstore server folder a launcher IT built: [folder, launcher, cache (emptied), runs (logs)].
   */
  static Map petstore(File basedir) {
    def folder = new File(basedir, "target/$PETSTORE")
    def cache = new File(basedir, 'target/user-cache')
    cache.deleteDir()
    return [folder: folder, launcher: new File(folder, PETSTORE), cache: cache, runs: new File(basedir, 'target/runs')]
  }

  /** Runs a petstore launcher with the build's user cache (and {@code environment}); it must list the four tools. */
  static Map runPetstore(Map build, File launcher, Map<String, String> environment = [:]) {
    def result = run(launcher, 'it.petstore.PetstoreServer', [OPENAPI_MCP_CACHE_DIR: build.cache.path] + environment,
        build.runs)
    assert result.tools == PETSTORE_TOOLS
    return result
  }

  /** The archives in the build's user cache. */
  static List<String> cached(Map build) {
    return (build.cache.list() ?: []) as List
  }

  /**
   * On a JDK other than the one that trained the folder: no archive on the first run (the JVM writes
   * one into the user cache as it exits), that one on the next.
   */
  static void otherJdkArchivesIntoTheUserCache(Map build, File jdk) {
    def before = cached(build).size()
    def other = [OPENAPI_MCP_JAVA: new File(jdk, 'bin/java').path]
    assert !runPetstore(build, build.launcher, other).archived
    assert cached(build).size() == before + 1 : "expected one more archive in the user cache: ${cached(build)}"
    assert runPetstore(build, build.launcher, other).archived : "$jdk did not use the archive it wrote into the user cache"
  }

  /** Copies {@code folder} to {@code target} as cp -r does: new modification times, executable bits kept. */
  static File copy(File folder, File target) {
    target.deleteDir()
    folder.eachFileRecurse { file ->
      def copy = new File(target, folder.toPath().relativize(file.toPath()).toString())
      if (file.isDirectory()) {
        copy.mkdirs()
      } else {
        copy.parentFile.mkdirs()
        copy.bytes = file.bytes
        copy.setExecutable(file.canExecute(), false)
      }
    }
    return target
  }
}
