// The generated main gives the server discovery mode as its default, with listPets exposed;
// the generated code still compiles without warnings.
def log = new File(basedir, 'build.log').text
assert log =~ /BUILD SUCCESS/

def server = new File(basedir, 'target/generated-sources/openapi-mcp/it/petstore/PetstoreServer.java').text
assert server.contains('ServerCommand.run(PetstoreTools.catalog(), settings -> settings.toolMode(ToolMode.DYNAMIC).exposedTools(List.of("listPets")), args)')
assert new File(basedir, 'target/classes/it/petstore/PetstoreServer.class').isFile()
return true
