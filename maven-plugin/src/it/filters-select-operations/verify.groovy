// includes (path glob, operation id) and excludes (method) decide which operations become tools.
def log = new File(basedir, 'build.log').text
assert log.contains('Generated 2 MCP tools')

def runtimeJar = new File(localRepositoryPath,
    "dev/openapimcp/openapi-mcp-runtime/${projectVersion}/openapi-mcp-runtime-${projectVersion}.jar")
def loader = new URLClassLoader([new File(basedir, 'target/classes').toURI().toURL(), runtimeJar.toURI().toURL()] as URL[],
    ClassLoader.platformClassLoader)
def catalog = loader.loadClass('it.petstore.PetstoreTools').getMethod('catalog').invoke(null)
assert catalog.tools().collect { it.name() } == ['listPets', 'showPetById']
loader.close()
return true
