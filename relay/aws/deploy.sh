#!/usr/bin/env bash
# Deploys the QRBeam relay to AWS (the seed's `make deploy`): builds the Lambda jar with Maven, then creates or
# updates the CloudFormation stack from relay/aws/template.yaml with the SAM CLI, and prints the wss:// URL.
#
# Needs: JDK 17+, Maven, the AWS SAM CLI and the AWS CLI, and credentials for the target account
# (AWS_PROFILE or the usual environment variables).
#
# Environment (all optional):
#   STACK_NAME   CloudFormation stack name           (default: qrbeam-relay)
#   STAGE        API Gateway stage, last URL segment (default: dev)
#   AWS_REGION   region                              (default: the CLI's configured region)
#   MEMORY_SIZE  Lambda memory in MB                 (default: 1024)
#   RELAY_KEY    base64 resume-token key; empty: generated once and kept in the DynamoDB table
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
stack="${STACK_NAME:-qrbeam-relay}"
stage="${STAGE:-dev}"
memory="${MEMORY_SIZE:-1024}"
region="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"

need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "deploy: '$1' not found: $2" >&2
    exit 1
  fi
}
need mvn "install Maven 3.9+"
need sam "install the AWS SAM CLI (https://docs.aws.amazon.com/serverless-application-model/)"
need aws "install the AWS CLI v2"

region_args=()
if [[ -n "$region" ]]; then
  region_args=(--region "$region")
fi

echo "deploy: building relay/target/qrbeam-relay-lambda.jar"
(cd "$root" && mvn -q -B -pl relay -am package -DskipTests)
jar="$root/relay/target/qrbeam-relay-lambda.jar"
if [[ ! -f "$jar" ]]; then
  echo "deploy: $jar was not built" >&2
  exit 1
fi

overrides=("StageName=$stage" "MemorySize=$memory")
if [[ -n "${RELAY_KEY:-}" ]]; then
  overrides+=("RelayKey=$RELAY_KEY")
fi

echo "deploy: stack $stack, stage $stage${region:+, region $region}"
sam validate --template-file "$here/template.yaml" ${region_args[@]+"${region_args[@]}"}
sam deploy \
  --template-file "$here/template.yaml" \
  --stack-name "$stack" \
  --resolve-s3 \
  --capabilities CAPABILITY_IAM \
  --no-confirm-changeset \
  --no-fail-on-empty-changeset \
  --parameter-overrides "${overrides[@]}" \
  ${region_args[@]+"${region_args[@]}"}

url="$(aws cloudformation describe-stacks --stack-name "$stack" ${region_args[@]+"${region_args[@]}"} \
  --query "Stacks[0].Outputs[?OutputKey=='WebSocketUrl'].OutputValue" --output text)"
echo "relay: $url"
echo "try:   wscat -c $url -x '{\"action\":\"Connect\"}'"
echo "send:  java -jar cli/target/qrbeam.jar send --relay $url <files>"
