package dev.frontdoor.lifecycle.port.out;

/**
 * Where archived media are kept (an S3 bucket, or a folder locally), by key ({@code
 * media/<customer_ref>/<media id>}). Failures are {@link
 * dev.frontdoor.common.StoreUnavailableException}.
 */
public interface MediaArchive {

  /** No archive configured: nothing is stored, and erasure finds nothing. */
  MediaArchive NONE =
      new MediaArchive() {
        @Override
        public void put(String key, byte[] bytes, String mimeType) {
          throw new IllegalStateException("no media archive is configured");
        }

        @Override
        public void delete(String key) {}

        @Override
        public int deleteAll(String prefix) {
          return 0;
        }
      };

  /** Stores (or replaces) the object. */
  void put(String key, byte[] bytes, String mimeType);

  /** Deletes one object; nothing when it is not there. */
  void delete(String key);

  /** Deletes every object whose key starts with {@code prefix}; how many were deleted. */
  int deleteAll(String prefix);
}
