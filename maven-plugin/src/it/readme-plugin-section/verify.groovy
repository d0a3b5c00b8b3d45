// The README's project built: target/example-mcp-server/ serves the spec's tools through its
// launcher, from the archive of its training run, and its jar runs with java -jar.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'LauncherRuns.groovy'))
def log = new File(basedir, 'build.log').text
assert log =~ /BUILD SUCCESS/
// (A plugin's POM missing from the local repository the invoked builds share is not the README's doing.)
def warnings = log.readLines().findAll { it.startsWith('[WARNING]') && !it.contains('no dependency information available') }
assert warnings.isEmpty() : "the README project builds with warnings: $warnings"
def folder = new File(basedir, 'target/example-mcp-server')
def launcher = new File(folder, 'example-mcp-server')
assert launcher.canExecute()
def run = support.run(launcher, 'com.example.mcp.ExampleServer', [OPENAPI_MCP_CACHE_DIR: 'none'],
    new File(basedir, 'target/runs'))
assert run.tools == ['listPets', 'createPet', 'showPetById', 'deletePet']
assert run.archived : 'the launcher did not start from the archive of the training run'
assert run.stderr.contains('example-mcp-server 1.0.0 serving 4 tools over stdio') : 'slf4j-simple does not log'

def java = new File(System.getProperty('java.home'), 'bin/java').path
def plain = new ProcessBuilder(java, '-jar', new File(folder, 'example-mcp-server.jar').path, '--version')
    .redirectErrorStream(true).start()
assert plain.inputStream.text.trim() == 'example-mcp-server 1.0.0'
assert plain.waitFor() == 0
return true
