# sam build runs these targets (Metadata: BuildMethod: makefile). Every function runs from the one
# Lambda artifact of the functions module; SAM builds functions that share CodeUri and metadata once.
LAMBDA_JAR = functions/target/frontdoor-functions-0.1.0-SNAPSHOT-lambda.jar

define build-lambda
	mvn -B -q -DskipTests -Dspotless.check.skip=true -pl functions -am package
	cd "$(ARTIFACTS_DIR)" && unzip -q -o "$(CURDIR)/$(LAMBDA_JAR)"
endef

build-WhatsAppWebhookFunction:
	$(build-lambda)

build-ApiFunction:
	$(build-lambda)

build-SenderFunction:
	$(build-lambda)
