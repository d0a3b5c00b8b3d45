// Each misconfiguration stopped the build with a sentence naming the parameters involved.
def errors = new File(basedir, 'build.log').readLines()
    .findAll { it.startsWith('[ERROR] Failed to execute goal dev.openapimcp:openapi-mcp-maven-plugin') }
assert errors.size() == 4 : errors.join('\n')
assert errors[0].contains('Set only one of <specFile> and <specUrl>, not both')
assert errors[0].contains('petstore.yaml') && errors[0].contains('https://example.invalid/api.yaml')
assert errors[1].contains('Set one of <specFile> (a local OpenAPI file) and <specUrl> (an http(s) URL to download it from)')
assert errors[2].contains('specFile ' + new File(basedir, 'src/main/openapi/missing.yaml').path + ' does not exist')
assert errors[3].contains("specUrl 'ftp://example.invalid/api.yaml' must be an absolute http:// or https:// URL")
assert !new File(basedir, 'target/generated-sources/openapi-mcp').exists()
assert !new File(basedir, 'target/openapi-mcp').exists()
return true
