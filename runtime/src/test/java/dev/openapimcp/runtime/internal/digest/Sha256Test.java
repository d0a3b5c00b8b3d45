package dev.openapimcp.runtime.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Sha256Test {

  /** FIPS 180-2's example "abc", and a text whose UTF-8 bytes differ from its ISO-8859-1 ones. */
  @Test
  void digestsTheUtf8BytesOfTheText() {
    assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Sha256.of("abc")).hasSize(32);
    // The bytes C3 A9, not ISO-8859-1's E9 (de2e331d...).
    assertThat(Sha256.hex("\u00e9")).isEqualTo("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
  }
}
