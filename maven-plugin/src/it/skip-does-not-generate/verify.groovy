// Skipped: a log line says so, and neither sources nor state nor classes were produced.
def log = new File(basedir, 'build.log').text
assert log.contains('Skipping OpenAPI MCP generation (openapi-mcp.skip=true)')
assert !log.contains('MCP tools')
assert log.contains('BUILD SUCCESS')
assert !new File(basedir, 'target/generated-sources/openapi-mcp').exists()
assert !new File(basedir, 'target/openapi-mcp').exists()
assert !new File(basedir, 'target/classes/it').exists()
return true
