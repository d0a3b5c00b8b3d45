// Build 1 generated the pets and store groups from spec 1; build 2 saw new bytes at the same path,
// regenerated, added createPet and deleted the class of the store tag, which spec 2 no longer has.
def logs = basedir.listFiles().findAll { it.name ==~ /build(-\d+)?\.log/ }*.name.sort()
def log = logs.collect { new File(basedir, it).text }.join('\n')
assert log.contains('Generated 3 MCP tools; server main class it.petstore.ShopServer') : "first build, logs $logs"
assert log.contains('Generated 3 MCP tools') && log.findAll(/Generated \d+ MCP tools/).size() == 2 :
    'the second build regenerated'
assert !log.contains('up to date (')
assert log.contains('Deleting stale generated file ShopStoreTools.java')

assert new File(basedir, 'target/spec/api.yaml').text.contains('createPet')
def sources = new File(basedir, 'target/generated-sources/openapi-mcp/it/petstore')
assert sources.list().sort() == ['ShopPetsTools.java', 'ShopServer.java', 'ShopTools.java']
def pets = new File(sources, 'ShopPetsTools.java').text
assert pets.contains('"createPet"') && pets.contains('"listPets"') && pets.contains('"showPetById"')
assert !new File(sources, 'ShopTools.java').text.contains('getInventory')

def classes = new File(basedir, 'target/classes/it/petstore')
assert new File(classes, 'ShopPetsTools.class').isFile()
assert !new File(classes, 'ShopStoreTools.class').exists()
// Generated catalogs need only the tool model.
def modelJar = new File(localRepositoryPath,
    "dev/openapimcp/openapi-mcp-model/${projectVersion}/openapi-mcp-model-${projectVersion}.jar")
def loader = new URLClassLoader([new File(basedir, 'target/classes').toURI().toURL(), modelJar.toURI().toURL()] as URL[],
    ClassLoader.platformClassLoader)
def catalog = loader.loadClass('it.petstore.ShopTools').getMethod('catalog').invoke(null)
assert catalog.tools()*.name() == ['listPets', 'createPet', 'showPetById']
loader.close()
return true
