// <resources>true</resources>: listPets (no required argument) becomes a resource, showPetById (only a path
// parameter) a resource template, the writes stay tools only; the generated code compiles without warnings.
def log = new File(basedir, 'build.log').text
assert log =~ /BUILD SUCCESS/

def tools = new File(basedir, 'target/generated-sources/openapi-mcp/it/petstore/PetstorePetsTools.java').text
assert tools.contains('.resource("petstore://petstore.example.com/v1/pets", "application/json")')
assert tools.contains('.resource("petstore://petstore.example.com/v1/pets/{petId}", "application/json")')
assert tools.count('.resource(') == 2
assert new File(basedir, 'target/classes/it/petstore/PetstoreServer.class').isFile()
return true
