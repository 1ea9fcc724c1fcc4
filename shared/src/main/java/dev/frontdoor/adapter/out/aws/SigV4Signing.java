package dev.frontdoor.adapter.out.aws;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;

/**
 * Signs a request with the SDK's own SigV4 signer, for the adapters that call an AWS API over its
 * REST or JSON wire protocol themselves (Connect, EventBridge, S3): those service modules are not
 * in the Lambda jar, and the signer, the SDK HTTP client and Jackson are all such a call needs.
 */
public final class SigV4Signing {
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final AwsCredentialsProvider credentials;
  private final Region region;
  private final String service;
  private final boolean s3Paths;

  private SigV4Signing(
      AwsCredentialsProvider credentials, Region region, String service, boolean s3Paths) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.region = Objects.requireNonNull(region, "region");
    this.service = service;
    this.s3Paths = s3Paths;
  }

  /** Any service but S3, under its signing name ({@code connect}, {@code events}). */
  public static SigV4Signing of(AwsCredentialsProvider credentials, Region region, String service) {
    return new SigV4Signing(credentials, region, service, false);
  }

  /** S3, whose canonical request keeps the object key's path as sent (no double encoding). */
  public static SigV4Signing s3(AwsCredentialsProvider credentials, Region region) {
    return new SigV4Signing(credentials, region, "s3", true);
  }

  /** The request signed, over {@code payload} (null: an empty body). */
  public SdkHttpRequest sign(SdkHttpFullRequest request, byte[] payload) {
    AwsCredentials identity;
    try {
      identity = credentials.resolveCredentials();
    } catch (SdkClientException e) {
      throw new IllegalStateException(
          "no AWS credentials to sign " + service + " requests with: " + e.getMessage(), e);
    }
    return signer
        .sign(
            r -> {
              r.identity(identity)
                  .request(request)
                  .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                  .putProperty(AwsV4HttpSigner.REGION_NAME, region.id());
              if (s3Paths) {
                r.putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false);
              }
              if (payload != null) {
                r.payload(ContentStreamProvider.fromByteArrayUnsafe(payload));
              }
            })
        .request();
  }
}
