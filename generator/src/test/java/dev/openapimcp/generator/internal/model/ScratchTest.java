package dev.openapimcp.generator.internal.model;
import org.junit.jupiter.api.Test;
class ScratchTest {
  @Test void show() throws Exception {
    var f = PatternDialectTest.class.getDeclaredField("TRANSLATED"); f.setAccessible(true);
    PatternDialect d = new PatternDialect();
    for (Object k : ((java.util.Map<?, ?>) f.get(null)).keySet()) {
      System.out.println("SCRATCH " + k + "   =>   " + d.translate((String) k).pattern());
    }
  }
}
