package dev.openapimcp.maven.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(OS.WINDOWS)
class JavaRuntimeTest {

  @TempDir Path dir;

  @Test
  void identityIsVendorAndRuntimeVersionAndFeatureComesFromTheVersion() throws IOException {
    JavaRuntime jdk17 = JavaRuntime.of(FakeJdk.jdk17(dir.resolve("17")));
    assertThat(jdk17.identity()).isEqualTo("Debian 17.0.15+6-Debian-1deb12u1");
    assertThat(jdk17.feature()).isEqualTo(17);
    assertThat(jdk17.writesAotCache()).isFalse();

    JavaRuntime jdk25 = JavaRuntime.of(FakeJdk.jdk25(dir.resolve("25")));
    assertThat(jdk25.identity()).isEqualTo("Eclipse Adoptium 25.0.3+9-LTS");
    assertThat(jdk25.feature()).isEqualTo(25);
    assertThat(jdk25.writesAotCache()).isTrue();
  }

  @Test
  void aReleaseFileWithoutRuntimeVersionFallsBackToTheVersion() throws IOException {
    JavaRuntime java = JavaRuntime.of(FakeJdk.create(dir, "JAVA_VERSION=\"21\""));
    assertThat(java.identity()).isEqualTo(" 21");
    assertThat(java.feature()).isEqualTo(21);
  }

  @Test
  void withoutAReleaseFileTheJvmIsUnknown() throws IOException {
    JavaRuntime java = JavaRuntime.of(FakeJdk.create(dir));
    assertThat(java.identity()).isEmpty();
    assertThat(java.feature()).isZero();
  }

  @Test
  void anOldVersionSchemeGivesItsLeadingNumber() throws IOException {
    assertThat(JavaRuntime.of(FakeJdk.create(dir, "JAVA_VERSION=\"1.8.0_402\"")).feature()).isEqualTo(1);
  }

  @Test
  void symbolicLinksToTheExecutableAreFollowed() throws IOException {
    Path java = FakeJdk.jdk17(dir.resolve("jdk"));
    Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("usr/bin")).resolve("java"), java);
    JavaRuntime runtime = JavaRuntime.of(link);
    assertThat(runtime.identity()).isEqualTo("Debian 17.0.15+6-Debian-1deb12u1");
    assertThat(runtime.executable()).isEqualTo(link);
  }
}
