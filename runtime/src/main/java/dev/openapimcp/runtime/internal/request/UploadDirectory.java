package dev.openapimcp.runtime.internal.request;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * The directory uploads may read from, and the one way files in it are opened: each path component
 * is opened relative to the directory opened before it, without following links ({@code openat}
 * with {@code O_NOFOLLOW}, through {@link SecureDirectoryStream}), and a link met on the way is
 * resolved by this code, confined to the directory. The file is opened once and read from the open
 * channel only, so replacing a file or a directory with a link while a call runs cannot make it
 * read anything outside: checking a path and then opening it again, as before, sent a file outside
 * the directory in 8 of 400 calls while a link was being swapped.
 *
 * <p>Where the platform offers no {@link SecureDirectoryStream} (Windows; macOS on JDK 17), the
 * same checks run on paths and the final component is opened without following links; a directory
 * on the way replaced by a link between the check and the open is then not caught.
 */
final class UploadDirectory {

  /** Links followed for one path at most, as Linux's own limit. */
  private static final int MAX_LINKS = 40;

  /** Read, and refuse a link ({@code O_NOFOLLOW}) in case one took the file's place since it was looked at. */
  private static final Set<OpenOption> READ_NO_LINK = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

  /** Why a file cannot be uploaded. */
  enum Problem { OUTSIDE, LINK_OUTSIDE, MISSING, NOT_REGULAR, UNREADABLE }

  /** A refusal; the message is for the server's own use, the caller words the user's. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    Refused(Problem problem) {
      super(problem.name(), null, false, false);
      this.problem = problem;
    }

    Problem problem() {
      return problem;
    }
  }

  /** An open file of {@code size} bytes: read from {@code channel}, which the caller closes. */
  record OpenFile(FileChannel channel, long size) {}

  private final Path root;
  private final Path realRoot;

  UploadDirectory(Path root, Path realRoot) {
    this.root = root;
    this.realRoot = realRoot;
  }

  Path root() {
    return root;
  }

  /**
   * Opens {@code given} (relative to the directory, or absolute inside it) for reading.
   *
   * @throws Refused when it is outside the directory, leads out through a link, does not exist, is
   *     not a regular file or cannot be read
   */
  OpenFile open(String given) throws Refused {
    Path relative = inside(root.resolve(given).normalize());
    if (relative == null) {
      throw new Refused(Problem.OUTSIDE);
    }
    try (DirectoryStream<Path> top = Files.newDirectoryStream(realRoot)) {
      if (top instanceof SecureDirectoryStream<Path> secure) {
        return openBelow(secure, relative);
      }
    } catch (IOException e) {
      throw new Refused(Problem.UNREADABLE);
    }
    return openByPath(relative);
  }

  /** {@code path} relative to the directory (by its given or its real name), or {@code null} outside it. */
  private Path inside(Path path) {
    if (path.startsWith(root)) {
      return root.relativize(path);
    }
    if (path.startsWith(realRoot)) {
      return realRoot.relativize(path);
    }
    return null;
  }

  /** Walks {@code relative} down from the open directory {@code top}, one {@code openat} at a time. */
  private OpenFile openBelow(SecureDirectoryStream<Path> top, Path relative) throws Refused, IOException {
    Deque<String> todo = new ArrayDeque<>();
    push(todo, relative);
    // The directories opened so far below top, with their names, for '..' in link targets.
    Deque<SecureDirectoryStream<Path>> opened = new ArrayDeque<>();
    Deque<String> names = new ArrayDeque<>();
    int links = 0;
    try {
      while (!todo.isEmpty()) {
        String name = todo.pop();
        if (name.isEmpty() || name.equals(".")) {
          continue;
        }
        if (name.equals("..")) {
          if (opened.isEmpty()) {
            throw new Refused(Problem.LINK_OUTSIDE);
          }
          opened.pop().close();
          names.pop();
          continue;
        }
        SecureDirectoryStream<Path> directory = opened.isEmpty() ? top : opened.peek();
        Path entry = Path.of(name);
        BasicFileAttributes attributes = attributes(directory, entry);
        if (attributes.isSymbolicLink()) {
          if (++links > MAX_LINKS) {
            throw new Refused(Problem.MISSING);
          }
          Path target = readLink(names, name);
          if (target.isAbsolute()) {
            Path confined = inside(target.normalize());
            if (confined == null) {
              throw new Refused(Problem.LINK_OUTSIDE);
            }
            // Followed from the top again.
            closeAll(opened);
            names.clear();
            push(todo, confined);
          } else {
            push(todo, target);
          }
        } else if (!todo.isEmpty()) {
          if (!attributes.isDirectory()) {
            throw new Refused(Problem.MISSING);
          }
          try {
            opened.push(directory.newDirectoryStream(entry, LinkOption.NOFOLLOW_LINKS));
            names.push(name);
          } catch (IOException e) {
            lookAgain(e, todo, name, ++links);
          }
        } else if (!attributes.isRegularFile()) {
          throw new Refused(Problem.NOT_REGULAR);
        } else {
          SeekableByteChannel channel;
          try {
            channel = directory.newByteChannel(entry, READ_NO_LINK);
          } catch (IOException e) {
            lookAgain(e, todo, name, ++links);
            continue;
          }
          if (!(channel instanceof FileChannel file)) {
            // No platform's file system does this; the path-based way still works.
            channel.close();
            return openByPath(relative);
          }
          return opened(file);
        }
      }
      // The directory itself.
      throw new Refused(Problem.NOT_REGULAR);
    } finally {
      closeAll(opened);
    }
  }

  /**
   * After {@code name} could not be opened: refused when it is unreadable or gone, else it was
   * replaced (by a link, a file for a directory) since it was looked at, and goes back on {@code
   * todo} to be looked at again, a bounded number of times.
   */
  private static void lookAgain(IOException failure, Deque<String> todo, String name, int tries) throws Refused {
    if (failure instanceof AccessDeniedException) {
      throw new Refused(Problem.UNREADABLE);
    }
    if (failure instanceof NoSuchFileException || tries > MAX_LINKS) {
      throw new Refused(Problem.MISSING);
    }
    todo.push(name);
  }

  private static BasicFileAttributes attributes(SecureDirectoryStream<Path> directory, Path entry)
      throws Refused, IOException {
    try {
      return directory.getFileAttributeView(entry, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .readAttributes();
    } catch (NoSuchFileException e) {
      throw new Refused(Problem.MISSING);
    } catch (AccessDeniedException e) {
      throw new Refused(Problem.UNREADABLE);
    }
  }

  /**
   * The target of link {@code name} in the directory reached through {@code names} (innermost
   * first). Read by path, as there is no {@code readlinkat} here: should the path lead elsewhere by
   * now, another target is read, which is then followed inside the directory all the same.
   */
  private Path readLink(Deque<String> names, String name) throws Refused {
    Path link = realRoot;
    for (var outward = names.descendingIterator(); outward.hasNext(); ) {
      link = link.resolve(outward.next());
    }
    try {
      return Files.readSymbolicLink(link.resolve(name));
    } catch (IOException | UnsupportedOperationException e) {
      throw new Refused(Problem.MISSING);
    }
  }

  /** Puts {@code path}'s names in front of {@code todo}, in order. */
  private static void push(Deque<String> todo, Path path) {
    for (int i = path.getNameCount() - 1; i >= 0; i--) {
      todo.push(path.getName(i).toString());
    }
  }

  private static void closeAll(Deque<SecureDirectoryStream<Path>> opened) throws IOException {
    while (!opened.isEmpty()) {
      opened.pop().close();
    }
  }

  /** Without {@link SecureDirectoryStream}: the path's real location checked, the file opened without following a link. */
  private OpenFile openByPath(Path relative) throws Refused {
    Path real;
    try {
      real = realRoot.resolve(relative).toRealPath();
    } catch (NoSuchFileException e) {
      throw new Refused(Problem.MISSING);
    } catch (IOException | InvalidPathException e) {
      throw new Refused(Problem.UNREADABLE);
    }
    if (!real.startsWith(realRoot)) {
      throw new Refused(Problem.LINK_OUTSIDE);
    }
    if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      throw new Refused(Problem.NOT_REGULAR);
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new Refused(Problem.UNREADABLE);
    }
    return opened(channel);
  }

  private static OpenFile opened(FileChannel channel) throws Refused {
    try {
      return new OpenFile(channel, channel.size());
    } catch (IOException e) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing was read; nothing more to do.
      }
      throw new Refused(Problem.UNREADABLE);
    }
  }
}
