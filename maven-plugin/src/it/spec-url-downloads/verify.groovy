// Build 1 downloaded the spec and generated; build 2 sent the validators back, got a 304 and found
// everything up to date; build 3 got a 503 and built from the cached copy with a warning.
context.server.stop(0)
def requests = context.requests
def url = context.url
assert requests.size() == 3 : "requests: $requests"
assert requests[0] == [ifNoneMatch: null, ifModifiedSince: null]
assert requests[1] == [ifNoneMatch: '"petstore-1"', ifModifiedSince: 'Wed, 21 Oct 2015 07:28:00 GMT']
assert requests[2].ifNoneMatch == '"petstore-1"'

def log = new File(basedir, 'build.log').text
assert log.findAll(/BUILD SUCCESS/).size() == 3
assert log.contains("Downloaded ${url} to ")
assert log.findAll(/Generated 4 MCP tools/).size() == 1
assert log.findAll(/OpenAPI MCP sources are up to date \(4 tools\)/).size() == 2
assert log =~ /\[WARNING\] Cannot download the OpenAPI description from \Q${url}\E \(the server answered HTTP 503\); using the cached copy from \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/

def cached = new File(basedir, 'target/openapi-mcp/spec/petstore.yaml')
assert cached.bytes == new File(basedir, 'spec/petstore.yaml').bytes
assert new File(basedir, 'target/openapi-mcp/spec/petstore.yaml.http').text.contains('petstore-1')
assert new File(basedir, 'target/classes/it/petstore/PetstoreTools.class').isFile()
assert new File(basedir, 'target/generated-sources/openapi-mcp/it/petstore/PetstoreTools.java').text
    .contains('generated from {@code petstore.yaml}')
return true
