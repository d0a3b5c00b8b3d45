// The spec became sources under the default output directory, they compiled, and the compiled
// catalog serves the four operations with the inputs the spec declares.
def log = new File(basedir, 'build.log').text
assert log.contains('Generated 4 MCP tools; server main class it.petstore.PetstoreServer')
assert log =~ /BUILD SUCCESS/

def sources = new File(basedir, 'target/generated-sources/openapi-mcp/it/petstore')
def names = sources.list().sort()
assert names == ['PetstorePetsTools.java', 'PetstoreServer.java', 'PetstoreTools.java']
assert new File(sources, 'PetstoreServer.java').text.contains('ServerCommand.run(PetstoreTools.catalog(), args)')

def classes = new File(basedir, 'target/classes/it/petstore')
['PetstoreTools', 'PetstoreServer', 'PetstorePetsTools'].each {
  assert new File(classes, it + '.class').isFile() : "missing compiled class $it"
}

// Generated catalogs need only the tool model.
def modelJar = new File(localRepositoryPath,
    "dev/openapimcp/openapi-mcp-model/${projectVersion}/openapi-mcp-model-${projectVersion}.jar")
def loader = new URLClassLoader([new File(basedir, 'target/classes').toURI().toURL(), modelJar.toURI().toURL()] as URL[],
    ClassLoader.platformClassLoader)
def catalog = loader.loadClass('it.petstore.PetstoreTools').getMethod('catalog').invoke(null)
def tools = catalog.tools().collectEntries { [(it.name()): it] }
assert tools.keySet() as List == ['listPets', 'createPet', 'showPetById', 'deletePet']
assert catalog.baseUrl() == 'https://petstore.example.com/v1'
assert tools.listPets.http().method() == 'GET' && tools.listPets.inputSchema().contains('"limit"')
assert tools.showPetById.http().pathTemplate() == '/pets/{petId}' && tools.showPetById.inputSchema().contains('"petId"')
assert tools.createPet.http().method() == 'POST' && tools.createPet.inputSchema().contains('"name"')
assert tools.deletePet.hints().destructiveHint() == true
loader.close()
return true
