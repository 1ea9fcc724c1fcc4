package dev.frontdoor.adapter.out.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class ConnectContactDirectoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theInstanceIdIsTheLastSegmentOfAnInstanceArnOrTheValueItself() {
    assertThat(
            ConnectContactDirectory.instanceId(
                "arn:aws:connect:af-south-1:123456789012:instance/8b0b2d2e-1c9a"))
        .isEqualTo("8b0b2d2e-1c9a");
    assertThat(
            ConnectContactDirectory.instanceId(
                "arn:aws:connect:af-south-1:123456789012:instance/8b0b2d2e-1c9a/contact/c-1"))
        .isEqualTo("8b0b2d2e-1c9a");
    assertThat(ConnectContactDirectory.instanceId(" 8b0b2d2e-1c9a ")).isEqualTo("8b0b2d2e-1c9a");
    assertThatThrownBy(() -> ConnectContactDirectory.instanceId("arn:aws:connect:x:1:queue/q"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConnectContactDirectory.instanceId(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theErrorTypeComesFromTheHeaderElseTheBodyWithoutNamespaceOrDetail() throws Exception {
    assertThat(
            ConnectContactDirectory.errorType(
                "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.connect/",
                null))
        .isEqualTo("ResourceNotFoundException");
    assertThat(
            ConnectContactDirectory.errorType(
                "", JSON.readTree("{\"__type\":\"com.amazonaws.connect#ThrottlingException\"}")))
        .isEqualTo("ThrottlingException");
    assertThat(ConnectContactDirectory.errorType(null, JSON.readTree("{\"code\":\"X\"}")))
        .isEqualTo("X");
    assertThat(ConnectContactDirectory.errorType(null, null)).isEmpty();
  }

  @Test
  void thePublicEndpointIsTheRegions() {
    assertThat(ConnectContactDirectory.publicEndpoint(Region.AF_SOUTH_1))
        .isEqualTo(URI.create("https://connect.af-south-1.amazonaws.com"));
  }
}
