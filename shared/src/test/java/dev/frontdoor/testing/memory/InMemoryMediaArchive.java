package dev.frontdoor.testing.memory;

import dev.frontdoor.lifecycle.port.out.MediaArchive;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@link MediaArchive} in memory: key to bytes. */
public final class InMemoryMediaArchive implements MediaArchive {
  private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();

  @Override
  public void put(String key, byte[] bytes, String mimeType) {
    objects.put(key, bytes.clone());
  }

  @Override
  public void delete(String key) {
    objects.remove(key);
  }

  @Override
  public int deleteAll(String prefix) {
    int[] count = {0};
    objects.keySet().removeIf(key -> key.startsWith(prefix) && ++count[0] > 0);
    return count[0];
  }

  public Optional<byte[]> get(String key) {
    return Optional.ofNullable(objects.get(key));
  }

  public Map<String, byte[]> all() {
    return Map.copyOf(objects);
  }
}
