// includes (path glob, operation id) and excludes (method) decide which operations become tools.
def log = new File(basedir, 'build.log').text
assert log.contains('Generated 2 MCP tools')

// Generated catalogs need only the tool model.
def modelJar = new File(localRepositoryPath,
    "dev/openapimcp/openapi-mcp-model/${projectVersion}/openapi-mcp-model-${projectVersion}.jar")
def loader = new URLClassLoader([new File(basedir, 'target/classes').toURI().toURL(), modelJar.toURI().toURL()] as URL[],
    ClassLoader.platformClassLoader)
def catalog = loader.loadClass('it.petstore.PetstoreTools').getMethod('catalog').invoke(null)
assert catalog.tools().collect { it.name() } == ['listPets', 'showPetById']
loader.close()
return true
