package dev.openapimcp.generator.internal.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A document is read whole, however its size changed since the file system reported it (a file
 * written meanwhile, a {@code /proc} file that reports 0) and however few bytes each read gives,
 * and never beyond the limit, which tells a document too large by one byte more.
 */
class DocumentReadPropertyTest {

  @Property(tries = 500)
  void theBytesAreReadUpToTheLimitWhateverSizeWasExpected(@ForAll @Size(max = 300) byte[] content,
      @ForAll @IntRange(min = 0, max = 400) int expected, @ForAll @IntRange(min = 1, max = 350) int limit,
      @ForAll @IntRange(min = 1, max = 70_000) int piece) throws IOException {
    byte[] read = DocumentReader.read(new Trickle(content, piece), expected, limit);

    assertThat(read).isEqualTo(Arrays.copyOf(content, Math.min(content.length, limit)));
  }

  @Property(tries = 20)
  void aFileLargerThanOneReadIsReadWhole(@ForAll @IntRange(min = 0, max = 300_000) int length,
      @ForAll @IntRange(min = -1000, max = 1000) int misreported) throws IOException {
    byte[] content = new byte[length];
    Arrays.fill(content, (byte) 'x');
    if (length > 0) {
      content[length / 2] = 'y';
    }

    byte[] read = DocumentReader.read(new ByteArrayInputStream(content), length + misreported,
        DocumentReader.MAX_BYTES + 1);

    assertThat(read).isEqualTo(content);
  }

  /** Gives at most {@code piece} bytes per read, as pipes and slow file systems may. */
  private static final class Trickle extends InputStream {
    private final byte[] content;
    private final int piece;
    private int at;

    Trickle(byte[] content, int piece) {
      this.content = content;
      this.piece = piece;
    }

    @Override
    public int read() {
      return at < content.length ? content[at++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      if (at >= content.length) {
        return -1;
      }
      int count = Math.min(Math.min(length, piece), content.length - at);
      System.arraycopy(content, at, into, offset, count);
      at += count;
      return count;
    }
  }
}
