package dev.openapimcp.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command line in this process with captured output and a given environment. */
final class Cli {

  /** What one run printed and returned. */
  record Result(int exitCode, String out, String err) {}

  /** A small spec: an API key scheme, a path parameter, and a body property that clashes with a parameter. */
  static final String SHOP = """
      openapi: 3.0.3
      info: {title: Shop, version: '1'}
      servers: [{url: 'https://shop.example'}]
      security: [{key: []}]
      components:
        securitySchemes:
          key: {type: apiKey, in: header, name: X-Key}
      paths:
        /items/{id}:
          get:
            operationId: getItem
            parameters:
              - {name: id, in: path, required: true, schema: {type: string}}
              - {name: fields, in: query, schema: {type: array, items: {type: string}}}
            responses: {'200': {description: OK}}
        /items:
          post:
            operationId: 'create item!'
            parameters:
              - {name: id, in: query, schema: {type: string}}
              - {name: 'tag[name]', in: query, schema: {type: string}}
            requestBody:
              content:
                application/json:
                  schema: {type: object, properties: {id: {type: string}, 'display name': {type: string}}}
            responses: {'200': {description: OK}}
      """;

  private Cli() {}

  static Result run(String... args) {
    return run(Map.of(), args);
  }

  static Result run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = OpenApiMcp.commandLine(environment, args);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }
}
