#!/usr/bin/env bash
# Tears the QRBeam relay down (the seed's `make die`): deletes the CloudFormation stack (API, Lambda, DynamoDB
# table, log group, role) and the artifacts SAM uploaded for it. Open connections are dropped; resume tokens
# issued by this deployment stop working (the relay key lived in the table).
#
# Environment (optional): STACK_NAME (default qrbeam-relay), AWS_REGION.
set -euo pipefail

stack="${STACK_NAME:-qrbeam-relay}"
region="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"
region_args=()
if [[ -n "$region" ]]; then
  region_args=(--region "$region")
fi

if command -v sam >/dev/null 2>&1; then
  sam delete --stack-name "$stack" --no-prompts ${region_args[@]+"${region_args[@]}"}
elif command -v aws >/dev/null 2>&1; then
  echo "teardown: SAM CLI not found, deleting the stack with the AWS CLI (uploaded artifacts stay in S3)" >&2
  aws cloudformation delete-stack --stack-name "$stack" ${region_args[@]+"${region_args[@]}"}
  aws cloudformation wait stack-delete-complete --stack-name "$stack" ${region_args[@]+"${region_args[@]}"}
else
  echo "teardown: neither 'sam' nor 'aws' found" >&2
  exit 1
fi
echo "teardown: stack $stack deleted"
