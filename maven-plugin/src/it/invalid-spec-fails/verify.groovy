// The build failed in the generate goal with one line naming the spec file, the JSON pointer of
// the bad reference and what is wrong with it, and generated nothing.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal dev.openapimcp:openapi-mcp-maven-plugin') }
assert error : 'the failure comes from the generate goal'
assert error.contains('broken-petstore.yaml')
assert error.contains("#/paths/~1pets/get/parameters/0/schema")
assert error.contains("\$ref '#/components/schemas/Missing'")
assert error.contains('does not resolve')
assert !new File(basedir, 'target/generated-sources/openapi-mcp/it').exists()
assert !new File(basedir, 'target/openapi-mcp/default.state').exists()
return true
