// Synthesizes the stack for the infra tests, offline, into a temporary directory. The runner zip
// is built if missing (build:runner takes about a second). Until the repository has its
// Dockerfile (issue 9 §2, another change), the image comes from a stub Dockerfile in a temporary
// directory: the template then differs only in the image asset's hash.
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ecs from "aws-cdk-lib/aws-ecs";
import { Template } from "aws-cdk-lib/assertions";
import { buildApp, REPO_ROOT, RUNNER_ZIP, type BuiltApp } from "../../infra/app.js";
import { buildRunnerLambda } from "../../src/runner/build-lambda.js";

export async function synthStack(context: Record<string, unknown> = {}): Promise<BuiltApp & { template: Template }> {
  if (!existsSync(RUNNER_ZIP)) await buildRunnerLambda();
  const outdir = mkdtempSync(join(tmpdir(), "trace-cdk-"));
  const built = buildApp({ context, outdir, ...(existsSync(join(REPO_ROOT, "Dockerfile")) ? {} : { image: stubImage() }) });
  return { ...built, template: Template.fromStack(built.stack) };
}

function stubImage(): ecs.ContainerImage {
  const dir = mkdtempSync(join(tmpdir(), "trace-image-stub-"));
  writeFileSync(join(dir, "Dockerfile"), "FROM scratch\n");
  return ecs.ContainerImage.fromAsset(dir);
}
