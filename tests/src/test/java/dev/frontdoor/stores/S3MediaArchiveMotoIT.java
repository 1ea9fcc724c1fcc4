package dev.frontdoor.stores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.adapter.out.aws.AwsClients;
import dev.frontdoor.adapter.out.media.S3MediaArchive;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The S3 media archive (S3's REST API signed with the SDK's SigV4 signer, over the functions' HTTP
 * client) against moto's S3: PutObject, ListObjectsV2 by prefix across pages, DeleteObject. moto
 * does not check signatures by default, so this proves the wire protocol (addresses, encoding,
 * listing, status codes), not the signature, which is the SDK's own signer with S3's settings.
 */
class S3MediaArchiveMotoIT {
  static final String BUCKET = "frontdoor-media-it";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static MotoServer moto;
  static SdkHttpClient http;

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start();
    http = AwsClients.lambdaHttpClient();
    // CreateBucket: moto picks the service from the credential scope and does not verify it.
    HttpResponse<String> created =
        HTTP.send(
            HttpRequest.newBuilder(moto.endpoint().resolve("/" + BUCKET))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .header(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request,"
                        + " SignedHeaders=host, Signature=0")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    if (http != null) {
      http.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  S3MediaArchive archive() {
    return new S3MediaArchive(
        http,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
        Region.US_EAST_1,
        BUCKET,
        Optional.of(moto.endpoint()),
        50);
  }

  byte[] get(String key) throws Exception {
    HttpResponse<byte[]> response =
        HTTP.send(
            HttpRequest.newBuilder(moto.endpoint().resolve("/" + BUCKET + "/" + key))
                .header(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request,"
                        + " SignedHeaders=host, Signature=0")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    return response.statusCode() == 200 ? response.body() : null;
  }

  @Test
  void put_list_deleteAll_byCustomerPrefix() throws Exception {
    S3MediaArchive archive = archive();
    String mine = "media/" + "a".repeat(64) + "/";
    String theirs = "media/" + "b".repeat(64) + "/";
    byte[] photo = "jpeg bytes \u00ff".getBytes(StandardCharsets.UTF_8);
    // 105 keys at 50 a page: three ListObjectsV2 pages, the last one short
    for (int i = 0; i < 105; i++) {
      archive.put(mine + (7000000000000000L + i), photo, "image/jpeg");
    }
    archive.put(theirs + "7100000000000000", photo, "image/jpeg");
    assertThat(get(mine + "7000000000000000")).isEqualTo(photo);

    assertThat(archive.deleteAll(mine)).isEqualTo(105);

    assertThat(get(mine + "7000000000000000")).isNull();
    assertThat(get(mine + "7000000000000104")).isNull();
    assertThat(get(theirs + "7100000000000000")).isEqualTo(photo);
    assertThat(archive.deleteAll(mine)).isZero();
    archive.delete(theirs + "7100000000000000");
    archive.delete(theirs + "7100000000000000"); // twice: deleting what is gone is fine
    assertThat(get(theirs + "7100000000000000")).isNull();
  }
}
