package dev.openapimcp.runtime.internal.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.model.Argument;
import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.ParameterStyle;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RequestBuilderTest {

  private static final BaseUrl BASE = BaseUrl.fromEnvironment(Map.of(), "https://api.example.com/");

  private static OutgoingRequest build(HttpBinding binding, Map<String, Object> arguments) throws InvalidCallException {
    return build(Map.of(), binding, arguments);
  }

  private static OutgoingRequest build(Map<String, String> environment, HttpBinding binding, Map<String, Object> arguments)
      throws InvalidCallException {
    return new RequestBuilder(BASE, environment).build(binding, arguments);
  }

  /** An ordered map, because query and body order follow the binding and the argument order. */
  private static Map<String, Object> args(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static String bodyText(OutgoingRequest request) {
    return request.body() == null ? null : new String(request.body(), StandardCharsets.UTF_8);
  }

  @Nested
  class Path {

    private final HttpBinding binding =
        HttpBinding.of("get", "/v1/pages/{page_id}/properties/{property_id}")
            .argument(Argument.path("page_id"))
            .argument(Argument.path("property_id"))
            .build();

    @Test
    void valuesAreEncodedAsOneSegmentSoThePathCannotChange() throws Exception {
      OutgoingRequest request = build(binding, args("page_id", "../x?y#z", "property_id", "a b/é"));

      assertThat(request.method()).isEqualTo("GET");
      assertThat(request.uri().getRawPath()).isEqualTo("/v1/pages/..%2Fx%3Fy%23z/properties/a%20b%2F%C3%A9");
      assertThat(request.uri().getRawQuery()).isNull();
      assertThat(request.uri().getRawFragment()).isNull();
    }

    @Test
    void theSpecsFixedPathIsEncodedKeepingWhatIsAlreadyValid() throws Exception {
      Map<String, String> expected = new LinkedHashMap<>();
      expected.put("/v1/items[0]/{id}", "/v1/items%5B0%5D/x");
      expected.put("/files/a b/{id}", "/files/a%20b/x");
      expected.put("/files/a%20b/{id}", "/files/a%20b/x");
      expected.put("/files/100%/{id}", "/files/100%25/x");
      expected.put("/files/%zz%4/{id}", "/files/%25zz%254/x");
      expected.put("/search?q=1/{id}#top", "/search%3Fq=1/x%23top");
      expected.put("/caf\u00e9/\ud83d\ude00/{id}", "/caf%C3%A9/%F0%9F%98%80/x");
      expected.put("/a|b^c`d\\e\"f<g>{h/{id}", "/a%7Cb%5Ec%60d%5Ce%22f%3Cg%3E%7Bh/x");
      expected.put("/v1/users/@me;v=1/a:b/!$&'()*+,=~/{id}", "/v1/users/@me;v=1/a:b/!$&'()*+,=~/x");
      for (Map.Entry<String, String> path : expected.entrySet()) {
        HttpBinding fixed = HttpBinding.of("GET", path.getKey()).argument(Argument.path("id")).build();

        OutgoingRequest request = build(Map.of(), fixed, args("id", "x"));

        assertThat(request.uri().getRawPath()).as(path.getKey()).isEqualTo(expected.get(path.getKey()));
        assertThat(request.uri().getRawQuery()).as(path.getKey()).isNull();
        assertThat(request.uri().getRawFragment()).as(path.getKey()).isNull();
      }
    }

    @Test
    void unreservedCharactersStayAsTheyAre() throws Exception {
      OutgoingRequest request = build(binding, args("page_id", "Az09-._~", "property_id", "title"));

      assertThat(request.uri()).hasToString("https://api.example.com/v1/pages/Az09-._~/properties/title");
    }

    @Test
    void numbersAreWrittenAsJsonPrintsThem() throws Exception {
      assertThat(build(binding, args("page_id", 42, "property_id", 1.5)).uri().getRawPath())
          .isEqualTo("/v1/pages/42/properties/1.5");
    }

    @Test
    void missingPathParameterIsNamed() {
      assertThatThrownBy(() -> build(binding, args("page_id", "p1")))
          .isInstanceOf(InvalidCallException.class)
          .hasMessage("Missing required path parameter 'property_id'.");
    }

    @Test
    void dotSegmentsAndEmptyValuesAreRefused() {
      for (String value : List.of("", ".", "..")) {
        assertThatThrownBy(() -> build(binding, args("page_id", value, "property_id", "x")))
            .hasMessage("The path parameter 'page_id' must not be empty, '.' or '..'.");
      }
    }

    @Test
    void renamedPathArgumentIsReadFromItsPropertyAndPlacedByItsWireName() throws Exception {
      HttpBinding renamed =
          HttpBinding.of("GET", "/v1/blocks/{id}").argument(Argument.path("id").as("block_id")).build();

      assertThat(build(renamed, args("block_id", "b1", "id", "ignored")).uri().getRawPath()).isEqualTo("/v1/blocks/b1");
    }

    @Test
    void labelAndMatrixStyles() throws Exception {
      HttpBinding styled =
          HttpBinding.of("GET", "/a/{l}/b/{m}/c/{e}")
              .argument(Argument.path("l").styled(ParameterStyle.LABEL, false))
              .argument(Argument.path("m").styled(ParameterStyle.MATRIX, false))
              .argument(Argument.path("e").styled(ParameterStyle.MATRIX, true))
              .build();

      OutgoingRequest request = build(styled, args("l", List.of("x", "y z"), "m", List.of(1, 2), "e", List.of("p", "q")));

      assertThat(request.uri().getRawPath())
          .isEqualTo("/a/.x,y%20z/b/;m=1,2/c/;e=p;e=q");
    }

    @Test
    void simpleStyleArraysAndObjects() throws Exception {
      HttpBinding simple =
          HttpBinding.of("GET", "/a/{list}/{object}/{exploded}")
              .argument(Argument.path("list"))
              .argument(Argument.path("object"))
              .argument(Argument.path("exploded").styled(ParameterStyle.SIMPLE, true))
              .build();

      OutgoingRequest request =
          build(simple, args("list", List.of("a/b", "c"), "object", args("k", "v", "n", 1), "exploded", args("k", "v")));

      assertThat(request.uri().getRawPath()).isEqualTo("/a/a%2Fb,c/k,v,n,1/k=v");
    }
  }

  @Nested
  class Query {

    private String query(Argument argument, Object value) throws InvalidCallException {
      HttpBinding binding = HttpBinding.of("GET", "/q").argument(argument).build();
      return build(binding, args(argument.property(), value)).uri().getRawQuery();
    }

    @Test
    void scalarsAreStrings() throws Exception {
      assertThat(query(Argument.query("a"), "x y&z=1+2")).isEqualTo("a=x%20y%26z%3D1%2B2");
      assertThat(query(Argument.query("a"), true)).isEqualTo("a=true");
      assertThat(query(Argument.query("a"), 10)).isEqualTo("a=10");
      assertThat(query(Argument.query("a"), 2.5)).isEqualTo("a=2.5");
      assertThat(query(Argument.query("a"), 12345678901L)).isEqualTo("a=12345678901");
    }

    @Test
    void namesAreEncodedToo() throws Exception {
      assertThat(query(Argument.query("filter[]"), "é")).isEqualTo("filter%5B%5D=%C3%A9");
    }

    @Test
    void formExplodedArrayRepeatsTheName() throws Exception {
      assertThat(query(Argument.query("a"), List.of(1, 2))).isEqualTo("a=1&a=2");
    }

    @Test
    void formNotExplodedArrayJoinsWithCommas() throws Exception {
      assertThat(query(Argument.query("a").styled(ParameterStyle.FORM, false), List.of(1, 2, "x,y")))
          .isEqualTo("a=1,2,x%2Cy");
    }

    @Test
    void spaceAndPipeDelimitedArrays() throws Exception {
      assertThat(query(Argument.query("a").styled(ParameterStyle.SPACE_DELIMITED, false), List.of("x", "y")))
          .isEqualTo("a=x%20y");
      assertThat(query(Argument.query("a").styled(ParameterStyle.PIPE_DELIMITED, false), List.of("x", "y")))
          .isEqualTo("a=x%7Cy");
    }

    @Test
    void deepObjectNestsKeysInBrackets() throws Exception {
      Object filter = args("status", "done", "owner", args("name", "Ann Lee"), "tags", List.of("a", "b"));

      assertThat(query(Argument.query("filter").styled(ParameterStyle.DEEP_OBJECT, true), filter))
          .isEqualTo("filter[status]=done&filter[owner][name]=Ann%20Lee&filter[tags]=a&filter[tags]=b");
    }

    @Test
    void formExplodedObjectSpreadsItsKeys() throws Exception {
      assertThat(query(Argument.query("point"), args("x", 1, "y", "two words"))).isEqualTo("x=1&y=two%20words");
    }

    @Test
    void formNotExplodedObjectAlternatesKeysAndValues() throws Exception {
      assertThat(query(Argument.query("point").styled(ParameterStyle.FORM, false), args("x", 1, "y", 2)))
          .isEqualTo("point=x,1,y,2");
    }

    @Test
    void absentNullAndEmptyValuesSendNothing() throws Exception {
      HttpBinding binding =
          HttpBinding.of("GET", "/q").argument(Argument.query("a")).argument(Argument.query("b")).build();

      assertThat(build(binding, args("a", null, "b", List.of())).uri()).hasToString("https://api.example.com/q");
    }

    @Test
    void severalParametersKeepBindingOrderAndWireNames() throws Exception {
      HttpBinding binding =
          HttpBinding.of("GET", "/q")
              .argument(Argument.query("start_cursor"))
              .argument(Argument.query("filter_properties").as("properties"))
              .build();

      OutgoingRequest request =
          build(binding, args("properties", List.of("title", "x"), "start_cursor", "c1", "unknown", "dropped"));

      assertThat(request.uri().getRawQuery()).isEqualTo("start_cursor=c1&filter_properties=title&filter_properties=x");
    }
  }

  @Nested
  class Headers {

    private final HttpBinding binding =
        HttpBinding.of("GET", "/h")
            .argument(Argument.header("X-Request-Id").as("request_id"))
            .argument(Argument.header("X-Tags"))
            .argument(Argument.cookie("session"))
            .argument(Argument.cookie("prefs"))
            .fixedHeader("Notion-Version", "2025-09-03")
            .build();

    @Test
    void acceptJsonIsSentByDefault() throws Exception {
      assertThat(build(binding, args()).headers())
          .containsExactly(entry("Accept", "application/json"), entry("Notion-Version", "2025-09-03"));
    }

    @Test
    void environmentThenFixedThenArgumentsWithNamesIgnoringCase() throws Exception {
      Map<String, String> environment = new LinkedHashMap<>();
      environment.put("accept", "application/vnd.api+json");
      environment.put("Authorization", "Bearer secret");
      environment.put("notion-version", "2022-06-28");
      environment.put("x-request-id", "from-environment");

      OutgoingRequest request = build(environment, binding, args("request_id", "r-1", "X-Tags", List.of("a", "b")));

      assertThat(request.headers())
          .containsExactly(
              entry("accept", "application/vnd.api+json"),
              entry("Authorization", "Bearer secret"),
              entry("Notion-Version", "2025-09-03"),
              entry("X-Request-Id", "r-1"),
              entry("X-Tags", "a,b"));
    }

    @Test
    void cookiesAreJoinedIntoOneHeaderAfterAnyFromTheEnvironment() throws Exception {
      assertThat(build(binding, args("session", "s 1", "prefs", 7)).header("Cookie")).isEqualTo("session=s%201; prefs=7");
      assertThat(build(Map.of("Cookie", "a=1"), binding, args("session", "s")).header("cookie")).isEqualTo("a=1; session=s");
    }

    @Test
    void headerValueWithLineBreakIsRefusedWithoutEchoingIt() {
      assertThatThrownBy(() -> build(binding, args("request_id", "x\r\nInjected: yes")))
          .isInstanceOf(InvalidCallException.class)
          .hasMessage(
              "The argument 'request_id' cannot be sent as a header"
                  + " because it contains a line break or other control character.");
    }

    @Test
    void toStringNeverShowsHeaderValues() throws Exception {
      OutgoingRequest request = build(Map.of("Authorization", "Bearer secret-value"), binding, args());

      assertThat(request.toString()).contains("Authorization").doesNotContain("secret-value");
    }
  }

  @Nested
  class Body {

    @Test
    void bodyPropertiesAreCollectedIntoOneJsonObjectUnderWireNames() throws Exception {
      HttpBinding binding =
          HttpBinding.of("PATCH", "/v1/pages/{page_id}")
              .argument(Argument.path("page_id"))
              .argument(Argument.bodyProperty("properties"))
              .argument(Argument.bodyProperty("archived"))
              .argument(Argument.bodyProperty("page_id").as("body_page_id"))
              .argument(Argument.bodyProperty("icon"))
              .mediaType("application/json")
              .build();

      OutgoingRequest request =
          build(
              binding,
              args(
                  "page_id", "p1",
                  "body_page_id", "p2",
                  "properties", args("title", List.of(args("text", args("content", "Hi")))),
                  "archived", false,
                  "icon", null,
                  "not_in_binding", "ignored"));

      assertThat(request.uri().getRawPath()).isEqualTo("/v1/pages/p1");
      assertThat(bodyText(request))
          .isEqualTo(
              "{\"properties\":{\"title\":[{\"text\":{\"content\":\"Hi\"}}]},"
                  + "\"archived\":false,\"page_id\":\"p2\",\"icon\":null}");
      assertThat(request.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void noBodyWhenTheOperationTakesBodyPropertiesButNoneAreGiven() throws Exception {
      HttpBinding binding =
          HttpBinding.of("POST", "/v1/search")
              .argument(Argument.bodyProperty("query"))
              .mediaType("application/json")
              .build();

      // As the npm server does: no body and no Content-Type rather than {}.
      OutgoingRequest request = build(binding, args());
      assertThat(request.body()).isNull();
      assertThat(request.header("Content-Type")).isNull();
    }

    @Test
    void wholeBodyIsSentAsItIsNotWrapped() throws Exception {
      HttpBinding binding =
          HttpBinding.of("PUT", "/v1/list")
              .argument(Argument.body("items"))
              .mediaType("application/merge-patch+json")
              .build();

      OutgoingRequest request = build(binding, args("items", List.of(1, "two", args("three", 3))));

      assertThat(bodyText(request)).isEqualTo("[1,\"two\",{\"three\":3}]");
      assertThat(request.header("Content-Type")).isEqualTo("application/merge-patch+json");
    }

    @Test
    void stringBodyOfATextMediaTypeIsSentAsText() throws Exception {
      HttpBinding binding =
          HttpBinding.of("POST", "/v1/notes").argument(Argument.body("markdown")).mediaType("text/markdown").build();

      OutgoingRequest request = build(binding, args("markdown", "# Title\n\"quoted\""));

      assertThat(bodyText(request)).isEqualTo("# Title\n\"quoted\"");
      assertThat(request.header("Content-Type")).isEqualTo("text/markdown");
    }

    @Test
    void formBodyIsUrlEncoded() throws Exception {
      HttpBinding binding =
          HttpBinding.of("POST", "/oauth/token")
              .argument(Argument.bodyProperty("grant_type"))
              .argument(Argument.bodyProperty("scope"))
              .argument(Argument.bodyProperty("code"))
              .mediaType("application/x-www-form-urlencoded")
              .build();

      OutgoingRequest request =
          build(binding, args("grant_type", "authorization_code", "scope", List.of("a b", "c"), "code", "x&y"));

      assertThat(bodyText(request)).isEqualTo("grant_type=authorization_code&scope=a%20b&scope=c&code=x%26y");
    }

    @Test
    void noBodyMeansNoContentTypeEvenWhenTheEnvironmentSetsOne() throws Exception {
      HttpBinding binding =
          HttpBinding.of("DELETE", "/v1/blocks/{id}")
              .argument(Argument.path("id"))
              .argument(Argument.body("payload"))
              .mediaType("application/json")
              .build();

      OutgoingRequest request = build(Map.of("content-type", "application/json"), binding, args("id", "b1"));

      assertThat(request.body()).isNull();
      assertThat(request.header("Content-Type")).isNull();
    }

    @Test
    void multipartBodiesBecomeFormPartsWithABoundary() throws Exception {
      HttpBinding binding =
          HttpBinding.of("POST", "/upload").argument(Argument.bodyProperty("note")).mediaType("multipart/form-data").build();

      OutgoingRequest request = build(binding, args("note", "x"));

      assertThat(request.body()).isNull();
      assertThat(request.multipart().parts()).containsExactly(new MultipartBody.TextPart("note", null, "x"));
      assertThat(request.header("Content-Type"))
          .isEqualTo("multipart/form-data; boundary=" + request.multipart().boundary());
      assertThat(request.multipart().boundary()).matches("openapi-mcp-[0-9A-Za-z]{32}");
    }
  }
}
