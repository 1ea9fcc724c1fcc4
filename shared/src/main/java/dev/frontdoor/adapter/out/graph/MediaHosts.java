package dev.frontdoor.adapter.out.graph;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hosts the media fetcher may talk to, and so send Meta's token to: Meta's own over https
 * ({@code graph.facebook.com}; {@code lookaside.fbsbx.com}, where the media endpoint's download
 * URLs point; Meta's CDN {@code *.fbcdn.net}), plus exact origins (scheme, host and port) given by
 * configuration: the {@code GRAPH_API_URL} in use, which locally is the sandbox on loopback. A URL
 * with user info, another scheme, another port or any other host is not allowed.
 */
public final class MediaHosts {
  /** Meta's media hosts; a leading {@code *.} allows every subdomain (not the domain itself). */
  public static final List<String> META =
      List.of("graph.facebook.com", "lookaside.fbsbx.com", "*.fbcdn.net");

  private final List<String> https;
  private final Set<String> origins;

  public MediaHosts(List<String> httpsHosts, List<URI> exactOrigins) {
    this.https = httpsHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    this.origins = exactOrigins.stream().map(MediaHosts::origin).collect(Collectors.toSet());
  }

  /** Meta's hosts and the configured Graph API's origin. */
  public static MediaHosts metaAnd(URI graphApiUrl) {
    return new MediaHosts(META, List.of(graphApiUrl));
  }

  public boolean allows(URI url) {
    if (url == null || !url.isAbsolute() || url.getHost() == null || url.getRawUserInfo() != null) {
      return false;
    }
    if (origins.contains(origin(url))) {
      return true;
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") || (url.getPort() != -1 && url.getPort() != 443)) {
      return false;
    }
    String host = url.getHost().toLowerCase(Locale.ROOT);
    for (String allowed : https) {
      if (allowed.startsWith("*.")
          ? host.endsWith(allowed.substring(1)) && host.length() > allowed.length() - 1
          : host.equals(allowed)) {
        return true;
      }
    }
    return false;
  }

  private static String origin(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    int port = url.getPort();
    if (port == -1) {
      port = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
    }
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    return scheme + "://" + host + ":" + port;
  }
}
