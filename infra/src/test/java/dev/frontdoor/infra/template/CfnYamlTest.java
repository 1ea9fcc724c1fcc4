package dev.frontdoor.infra.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CfnYamlTest {

  @Test
  void parse_shortTags_becomeLongForms() {
    Map<String, Object> root =
        CfnYaml.parse(
            new StringReader(
                String.join(
                    "\n",
                    "A: !Ref Table",
                    "B: !GetAtt Queue.Arn",
                    "C: !Sub ${AWS::StackName}-x",
                    "D: !Join [',', [a, !Ref P]]",
                    "E: !If [Cond, 1, 2]")));
    assertThat(root.get("A")).isEqualTo(Map.of("Ref", "Table"));
    assertThat(root.get("B")).isEqualTo(Map.of("Fn::GetAtt", List.of("Queue", "Arn")));
    assertThat(root.get("C")).isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-x"));
    assertThat(root.get("D"))
        .isEqualTo(Map.of("Fn::Join", List.of(",", List.of("a", Map.of("Ref", "P")))));
    assertThat(root.get("E")).isEqualTo(Map.of("Fn::If", List.of("Cond", 1, 2)));
  }

  @Test
  void parse_duplicateKeysOrNonMapping_isRejected() {
    assertThatThrownBy(() -> CfnYaml.parse(new StringReader("A: 1\nA: 2\n"))).isNotNull();
    assertThatThrownBy(() -> CfnYaml.parse(new StringReader("- a\n")))
        .isInstanceOf(TemplateException.class);
  }
}
