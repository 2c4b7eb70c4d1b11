// `npm run synth`: synthesizes the environment's CloudFormation template into infra/cdk.out with
// app.synth(), without the CDK CLI. Offline by construction: no credential or region lookup
// (the stack is environment-agnostic unless account/region context is given), no context
// lookups, no instance-metadata calls (the AWS SDK is never loaded here, and the variables below
// make sure nothing in-process would try), no telemetry or version check (those live in the CLI).
//   npm run synth                       # envName=dev
//   npm run synth -- envName=prod operatorCidr=10.20.0.0/16 dataBuckets=acme-data
import { existsSync } from "node:fs";
import { join } from "node:path";

process.env.AWS_EC2_METADATA_DISABLED = "true";
process.env.CDK_DISABLE_CLI_TELEMETRY = "true";
process.env.CDK_DISABLE_VERSION_CHECK = "true";

const context: Record<string, string> = {};
for (const arg of process.argv.slice(2)) {
  const eq = arg.indexOf("=");
  if (eq <= 0) {
    console.error(`synth: arguments are key=value context parameters, got ${arg}`);
    process.exit(2);
  }
  context[arg.slice(0, eq)] = arg.slice(eq + 1);
}

// Loaded after the arguments are checked: aws-cdk-lib takes seconds to import.
const { buildApp, REPO_ROOT, RUNNER_ZIP } = await import("./app.js");
if (!existsSync(RUNNER_ZIP)) await (await import("../src/runner/build-lambda.js")).buildRunnerLambda();
const outdir = process.env.CDK_OUTDIR ?? join(REPO_ROOT, "infra/cdk.out");
const { app, stack } = buildApp({ context, outdir });
const assembly = app.synth();
const template = join(assembly.directory, stack.templateFile);
console.log(JSON.stringify({ stack: stack.stackName, template }));
