package dev.frontdoor.infra.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.frontdoor.adapter.out.aws.AwsClients;
import dev.frontdoor.config.Environment;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The second floor of {@link ColdStartBench}: the least every function does, and none of its own
 * work. The constructor builds the table client exactly as the functions' composition does (same
 * HTTP client, region, credentials and endpoint); the first event is one conditional PutItem of a
 * small item. A function's cost above this floor is the gateway's own code; this floor above hello
 * is the AWS SDK's and the JDK's TLS set-up, which no change to the gateway's code can remove.
 */
public final class ColdStartSdkFloor implements RequestStreamHandler {
  private final DynamoDbClient table;
  private final String tableName;

  public ColdStartSdkFloor() {
    Environment env = Environment.system();
    this.tableName = env.require("TABLE_NAME");
    this.table = AwsClients.dynamoDb(env, AwsClients.lambdaHttpClient());
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws java.io.IOException {
    input.readAllBytes();
    // No string concatenation or lambda of its own: their first bootstraps are not the SDK's.
    table.putItem(
        PutItemRequest.builder()
            .tableName(tableName)
            .item(
                Map.of(
                    "pk", AttributeValue.fromS("COLDSTART#".concat(UUID.randomUUID().toString())),
                    "sk", AttributeValue.fromS("FLOOR")))
            .conditionExpression("attribute_not_exists(pk)")
            .build());
    output.write("{\"statusCode\":200}".getBytes(StandardCharsets.UTF_8));
  }
}
