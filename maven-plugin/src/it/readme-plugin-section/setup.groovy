// This build is the README's plugin section, so the two cannot drift apart: its pom.xml is the XML
// block of "Use it for your own API (Maven plugin)", word for word. examples/minimal/pom.xml is the
// same block with the path to its spec, and the versions in it are the ones this build makes and uses.
def readme = new File(repositoryRoot, 'README.md').getText('UTF-8')
def heading = readme.indexOf('## Use it for your own API (Maven plugin)')
assert heading >= 0 : 'README.md has no "Use it for your own API (Maven plugin)" section'
def block = readme.substring(heading) =~ /(?s)```xml\n(.*?)```/
assert block.find() : 'the plugin section of README.md has no ```xml block'
def pom = block.group(1)

// The version element right after an artifactId in the pom's text.
def versionOf = { String text, String artifactId ->
  def found = text =~ /(?s)<artifactId>${artifactId}<\/artifactId>\s*<version>([^<]*)<\/version>/
  assert found.find() : "no version for $artifactId"
  found.group(1)
}
assert versionOf(pom, 'openapi-mcp-runtime') == projectVersion
assert versionOf(pom, 'openapi-mcp-maven-plugin') == projectVersion
def slf4j = new File(repositoryRoot, 'pom.xml').getText('UTF-8') =~ /<slf4j\.version>([^<]+)<\/slf4j\.version>/
assert slf4j.find() && versionOf(pom, 'slf4j-simple') == slf4j.group(1) : 'the README names another slf4j-simple than the build'
def spec = '${project.basedir}/src/main/openapi/api.yaml'
assert pom.contains("<specFile>$spec</specFile>")

def minimal = new File(repositoryRoot, 'examples/minimal/pom.xml').getText('UTF-8')
assert minimal == pom.replace(spec, '${project.basedir}/../../specs/petstore.yaml') :
    'examples/minimal/pom.xml is not the README pom with its spec path'

new File(basedir, 'pom.xml').setText(pom, 'UTF-8')
return true
