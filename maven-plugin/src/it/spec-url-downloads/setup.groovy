import com.sun.net.httpserver.HttpServer

// Serves spec/petstore.yaml on a free loopback port: the first request gets it with validators,
// the second a 304 when the validators come back, the third a 503. verify.groovy stops the server.
def spec = new File(basedir, 'spec/petstore.yaml').bytes
def requests = Collections.synchronizedList([])
def server = HttpServer.create(new InetSocketAddress(InetAddress.loopbackAddress, 0), 0)
server.createContext('/v1/petstore.yaml') { exchange ->
  def headers = exchange.requestHeaders
  requests << [ifNoneMatch: headers.getFirst('If-None-Match'), ifModifiedSince: headers.getFirst('If-Modified-Since')]
  if (requests.size() == 1) {
    exchange.responseHeaders.add('ETag', '"petstore-1"')
    exchange.responseHeaders.add('Last-Modified', 'Wed, 21 Oct 2015 07:28:00 GMT')
    exchange.sendResponseHeaders(200, spec.length)
    exchange.responseBody.withStream { it.write(spec) }
  } else if (requests.size() == 2 && headers.getFirst('If-None-Match') == '"petstore-1"') {
    exchange.sendResponseHeaders(304, -1)
  } else {
    exchange.sendResponseHeaders(503, -1)
  }
  exchange.close()
}
server.start()
context.server = server
context.requests = requests
def url = "http://127.0.0.1:${server.address.port}/v1/petstore.yaml"
context.url = url
new File(basedir, 'test.properties').text = "petstore.url=${url}\n"
return true
