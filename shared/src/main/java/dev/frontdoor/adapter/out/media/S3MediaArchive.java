package dev.frontdoor.adapter.out.media;

import dev.frontdoor.adapter.out.aws.ResponseBodies;
import dev.frontdoor.adapter.out.aws.SigV4Signing;
import dev.frontdoor.common.StoreUnavailableException;
import dev.frontdoor.lifecycle.port.out.MediaArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The media archive in an S3 bucket, over S3's REST API with the SDK's SigV4 signer and the SDK
 * HTTP client the functions already have: the SDK's {@code s3} module (several MB) would push the
 * Lambda jar past its 10 MB target for three calls. {@code PutObject} ({@code PUT /<key>}), {@code
 * DeleteObject} ({@code DELETE /<key>}) and {@code ListObjectsV2} ({@code GET
 * /?list-type=2&prefix=}), signed for service {@code s3} with the payload's SHA-256 in {@code
 * x-amz-content-sha256} and S3's single URL encoding. Virtual-hosted addresses on AWS ({@code
 * <bucket>.s3.<region>.amazonaws.com}); path style on an endpoint override ({@code
 * AWS_ENDPOINT_URL_S3}: moto in the tests).
 */
public final class S3MediaArchive implements MediaArchive {
  private static final Pattern KEY = Pattern.compile("<Key>([^<]*)</Key>");
  private static final Pattern NEXT = Pattern.compile("<NextContinuationToken>([^<]*)<");
  private static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private final SdkHttpClient http;
  private final Region region;
  private final String bucket;
  private final Optional<URI> endpoint;
  private final SigV4Signing sigV4;
  private final int pageSize;

  public S3MediaArchive(
      SdkHttpClient http,
      AwsCredentialsProvider credentials,
      Region region,
      String bucket,
      Optional<URI> endpoint) {
    this(http, credentials, region, bucket, endpoint, 1000);
  }

  /** With {@code pageSize} keys per listing page (S3's most: 1,000): tests page with fewer. */
  public S3MediaArchive(
      SdkHttpClient http,
      AwsCredentialsProvider credentials,
      Region region,
      String bucket,
      Optional<URI> endpoint,
      int pageSize) {
    this.pageSize = pageSize;
    this.http = Objects.requireNonNull(http);
    this.sigV4 = SigV4Signing.s3(credentials, region);
    this.region = Objects.requireNonNull(region);
    this.bucket = Objects.requireNonNull(bucket);
    this.endpoint = endpoint;
  }

  @Override
  public void put(String key, byte[] bytes, String mimeType) {
    SdkHttpFullRequest request =
        object(SdkHttpMethod.PUT, key)
            .putHeader("Content-Type", mimeType == null ? "application/octet-stream" : mimeType)
            .putHeader("Content-Length", Integer.toString(bytes.length))
            .putHeader("x-amz-content-sha256", sha256(bytes))
            .contentStreamProvider(ContentStreamProvider.fromByteArrayUnsafe(bytes))
            .build();
    expect(call(request, bytes), "PutObject", 200);
  }

  @Override
  public void delete(String key) {
    SdkHttpFullRequest request =
        object(SdkHttpMethod.DELETE, key).putHeader("x-amz-content-sha256", EMPTY_SHA256).build();
    expect(call(request, null), "DeleteObject", 204, 200, 404);
  }

  @Override
  public int deleteAll(String prefix) {
    List<String> keys = new ArrayList<>();
    String token = null;
    do {
      SdkHttpFullRequest.Builder list =
          bucketRequest(SdkHttpMethod.GET)
              .putRawQueryParameter("list-type", "2")
              .putRawQueryParameter("prefix", prefix)
              .putRawQueryParameter("max-keys", Integer.toString(pageSize))
              .putHeader("x-amz-content-sha256", EMPTY_SHA256);
      if (token != null) {
        list.putRawQueryParameter("continuation-token", token);
      }
      Reply reply = call(list.build(), null);
      expect(reply, "ListObjectsV2", 200);
      String xml = new String(reply.body(), StandardCharsets.UTF_8);
      Matcher key = KEY.matcher(xml);
      while (key.find()) {
        keys.add(unescape(key.group(1)));
      }
      Matcher next = NEXT.matcher(xml);
      token =
          xml.contains("<IsTruncated>true</IsTruncated>") && next.find()
              ? unescape(next.group(1))
              : null;
    } while (token != null);
    for (String key : keys) {
      delete(key);
    }
    return keys.size();
  }

  private SdkHttpFullRequest.Builder object(SdkHttpMethod method, String key) {
    SdkHttpFullRequest.Builder builder = bucketRequest(method);
    return builder.encodedPath(builder.encodedPath() + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
  }

  /** {@code /} of the bucket: its own host on AWS, {@code /<bucket>/} on an endpoint override. */
  private SdkHttpFullRequest.Builder bucketRequest(SdkHttpMethod method) {
    SdkHttpFullRequest.Builder builder = SdkHttpFullRequest.builder().method(method);
    if (endpoint.isPresent()) {
      URI base = endpoint.get();
      builder.protocol(base.getScheme()).host(base.getHost()).encodedPath("/" + bucket + "/");
      if (base.getPort() > 0) {
        builder.port(base.getPort());
      }
    } else {
      builder
          .protocol("https")
          .host(bucket + ".s3." + region.id() + ".amazonaws.com")
          .encodedPath("/");
    }
    return builder;
  }

  private record Reply(int status, byte[] body) {}

  private Reply call(SdkHttpFullRequest request, byte[] payload) {
    SdkHttpRequest signed = sigV4.sign(request, payload);
    try {
      HttpExecuteRequest.Builder execute = HttpExecuteRequest.builder().request(signed);
      if (payload != null) {
        execute.contentStreamProvider(ContentStreamProvider.fromByteArrayUnsafe(payload));
      }
      HttpExecuteResponse response = http.prepareRequest(execute.build()).call();
      byte[] body = ResponseBodies.readAll(response);
      return new Reply(response.httpResponse().statusCode(), body);
    } catch (IOException | UncheckedIOException | SdkClientException e) {
      throw new StoreUnavailableException("S3 could not be reached: " + e.getMessage(), e);
    }
  }

  private void expect(Reply reply, String operation, int... statuses) {
    for (int status : statuses) {
      if (reply.status() == status) {
        return;
      }
    }
    String body = new String(reply.body(), StandardCharsets.UTF_8);
    Matcher code = Pattern.compile("<Code>([^<]*)</Code>").matcher(body);
    throw new StoreUnavailableException(
        operation
            + " on the media bucket answered "
            + reply.status()
            + (code.find() ? " " + code.group(1) : ""),
        null);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String unescape(String xml) {
    return xml.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
  }

  @Override
  public String toString() {
    return "S3MediaArchive[" + bucket + "]";
  }
}
