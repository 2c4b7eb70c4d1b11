// The CDK app: one DispatcherStack per environment, named by the `envName` context parameter.
// Built by a function (not at import time) so infra/synth.ts and the tests synthesize the same
// app with their own context and output directory, with no CDK CLI and no AWS account.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { App } from "aws-cdk-lib";
import * as ecs from "aws-cdk-lib/aws-ecs";
import { IgnoreMode } from "aws-cdk-lib";
import { loadEnvironmentConfig, type EnvironmentConfig } from "./config.js";
import { DispatcherStack } from "./stack.js";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const RUNNER_ZIP = join(REPO_ROOT, "dist/runner.zip");

/** What never belongs in the image's build context (also excluded by the repo's .dockerignore). */
const IMAGE_CONTEXT_EXCLUDES = [".git", "node_modules", ".venv*", ".data", "**/target", "infra/cdk.out", "cdk.out", "dist/runner*"];

/** CDK feature flags this app relies on (what `cdk init` would write to cdk.json). */
const FEATURE_FLAGS = {
  // Access-log delivery granted by bucket policy, so the log bucket needs no ACL.
  "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy": true,
};

export interface BuildAppOptions {
  /** Context parameters (see infra/config.ts); merged over cdk.json-style defaults. */
  context?: Record<string, unknown>;
  outdir: string;
  /** The Dispatcher image; default ContainerImage.fromAsset(repo root) with the repo's Dockerfile. */
  image?: ecs.ContainerImage;
  runnerZip?: string;
}

export interface BuiltApp {
  app: App;
  stack: DispatcherStack;
  config: EnvironmentConfig;
}

export function buildApp(options: BuildAppOptions): BuiltApp {
  const app = new App({
    outdir: options.outdir,
    // Feature flags first, so a caller's context can still override them.
    context: { ...FEATURE_FLAGS, ...options.context },
    // No version-reporting metadata in the template (nothing is sent anywhere at synth either way).
    analyticsReporting: false,
  });
  const config = loadEnvironmentConfig((key) => app.node.tryGetContext(key));
  const runnerZip = options.runnerZip ?? RUNNER_ZIP;
  if (!existsSync(runnerZip)) throw new Error(`${runnerZip} is missing: run \`npm run build:runner\` first`);
  // `imageUri` deploys an image a pipeline already built and pushed; default: build the repo's Dockerfile.
  const imageUri = app.node.tryGetContext("imageUri") as string | undefined;
  const image = options.image ?? (imageUri ? ecs.ContainerImage.fromRegistry(imageUri) : dispatcherImage());
  // Account and region only when given: the default template is environment-agnostic and needs
  // no credentials to synthesize (nothing is looked up).
  const account = app.node.tryGetContext("account") as string | undefined;
  const region = app.node.tryGetContext("region") as string | undefined;
  const stack = new DispatcherStack(app, `TraceDispatcher-${config.envName}`, {
    config,
    image,
    runnerZip,
    description: `Trace Dispatcher environment ${config.envName}`,
    ...(account || region ? { env: { ...(account ? { account } : {}), ...(region ? { region } : {}) } } : {}),
  });
  return { app, stack, config };
}

/** The Dispatcher image built from the repository's Dockerfile when the stack is deployed. */
export function dispatcherImage(): ecs.ContainerImage {
  if (!existsSync(join(REPO_ROOT, "Dockerfile"))) throw new Error(`${join(REPO_ROOT, "Dockerfile")} is missing`);
  return ecs.ContainerImage.fromAsset(REPO_ROOT, { exclude: IMAGE_CONTEXT_EXCLUDES, ignoreMode: IgnoreMode.DOCKER });
}
