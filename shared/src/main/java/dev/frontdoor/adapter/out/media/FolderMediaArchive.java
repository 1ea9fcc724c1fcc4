package dev.frontdoor.adapter.out.media;

import dev.frontdoor.common.StoreUnavailableException;
import dev.frontdoor.lifecycle.port.out.MediaArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The media archive as a folder (the local runtime, tests): each key is a file under the root.
 * Writes go to a temporary file first and are moved into place, so a reader never sees half an
 * object; a key that would leave the root is refused.
 */
public final class FolderMediaArchive implements MediaArchive {
  private final Path root;

  public FolderMediaArchive(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  @Override
  public void put(String key, byte[] bytes, String mimeType) {
    Path file = file(key);
    try {
      Files.createDirectories(file.getParent());
      Path partial = Files.createTempFile(file.getParent(), ".partial-", "");
      Files.write(partial, bytes);
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StoreUnavailableException("the media folder refused a write: " + e, e);
    }
  }

  @Override
  public void delete(String key) {
    try {
      Files.deleteIfExists(file(key));
    } catch (IOException e) {
      throw new StoreUnavailableException("the media folder refused a delete: " + e, e);
    }
  }

  @Override
  public int deleteAll(String prefix) {
    Path folder = file(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    int deleted = 0;
    try (Stream<Path> walk = Files.walk(folder)) {
      List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path path : paths) {
        boolean isFile = Files.isRegularFile(path);
        try {
          Files.delete(path);
          if (isFile && !path.getFileName().toString().startsWith(".partial-")) {
            deleted++;
          }
        } catch (NoSuchFileException e) {
          // gone already
        }
      }
    } catch (IOException e) {
      throw new StoreUnavailableException("the media folder refused a delete: " + e, e);
    }
    return deleted;
  }

  private Path file(String key) {
    Path file = root.resolve(key).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw new IllegalArgumentException("a media key must stay inside the archive");
    }
    return file;
  }
}
