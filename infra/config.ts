// The stack's parameters, read from CDK context (`-c key=value`, cdk.json, or the `context` object
// infra/synth.ts passes) and validated before any construct exists, so a bad value stops synth
// with one clear message. Nothing here looks anything up in an AWS account: an existing VPC is
// named by its ids, never found by lookup.

export interface ExistingVpc {
  vpcId: string;
  availabilityZones: string[];
  privateSubnetIds: string[];
}

export interface EnvironmentConfig {
  /** dev, staging, prod, …: names the stack (TraceDispatcher-<env>) and its resources. */
  envName: string;
  /** Non-dev environments get deletion protection and retained state. */
  production: boolean;
  /** Undefined: the stack creates its own VPC. */
  vpc?: ExistingVpc;
  /** Who may reach the admin API: a CIDR, a security group id, or both. */
  operatorCidr?: string;
  operatorSecurityGroupId?: string;
  /** Extra security group allowed to reach the worker endpoints (/internal/task-*), e.g. ECS workers. */
  workerSecurityGroupId?: string;
  /** ACM certificate for the internal load balancer's listeners; without it they speak HTTP inside the VPC. */
  certificateArn?: string;
  dbInstanceClass: string;
  dbAllocatedStorageGiB: number;
  dispatcherCount: number;
  /** Run the Query Service (POST /v1/task/query) as a second service; its task count. */
  queryService: boolean;
  queryCount: number;
  dispatcherCpu: number;
  dispatcherMemoryMiB: number;
  runnerReservedConcurrency: number;
  runnerMemoryMiB: number;
  runnerTimeoutSeconds: number;
  /** Bound on how long Lambda may hold an undelivered event (the Dispatcher verifies it at start). */
  runnerMaxEventAgeSeconds: number;
  /** Optional layer with python3 for Python bundles (TRACE_RUNNER_PYTHON points into it). */
  runnerPythonLayerArn?: string;
  runnerPythonPath: string;
  /** Buckets the credentials role may grant task access to (the session policy narrows further). */
  dataBuckets: string[];
  /** Days a non-current bundle version is kept before the lifecycle rule expires it. */
  bundleNoncurrentDays: number;
  logRetentionDays: number;
  /** Alarm actions (e.g. an SNS topic ARN); empty: alarms only change state. */
  alarmTopicArn?: string;
}

export type ContextReader = (key: string) => unknown;

export class InfraConfigError extends Error {
  override readonly name = "InfraConfigError";
}

/** Reads and validates every parameter; unknown values are refused, never guessed. */
export function loadEnvironmentConfig(read: ContextReader): EnvironmentConfig {
  const envName = text(read, "envName") ?? "dev";
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(envName)) throw new InfraConfigError(`envName must match [a-z][a-z0-9-]{0,19}, got ${envName}`);
  const production = bool(read, "production") ?? envName !== "dev";
  const vpcId = text(read, "vpcId");
  const dispatcherCount = int(read, "dispatcherCount", 2, 2, 100);
  const operatorCidr = text(read, "operatorCidr");
  if (operatorCidr !== undefined) {
    if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(operatorCidr)) throw new InfraConfigError(`operatorCidr must be an IPv4 CIDR, got ${operatorCidr}`);
    if (operatorCidr.endsWith("/0")) throw new InfraConfigError("operatorCidr must not be the whole internet");
  }
  const config: EnvironmentConfig = {
    envName,
    production,
    dbInstanceClass: text(read, "dbInstanceClass") ?? "t4g.small",
    dbAllocatedStorageGiB: int(read, "dbAllocatedStorageGiB", 20, 20, 65536),
    dispatcherCount,
    queryService: bool(read, "queryService") ?? true,
    queryCount: int(read, "queryCount", 2, 1, 100),
    dispatcherCpu: int(read, "dispatcherCpu", 512, 256, 16384),
    dispatcherMemoryMiB: int(read, "dispatcherMemoryMiB", 1024, 512, 122880),
    runnerReservedConcurrency: int(read, "runnerReservedConcurrency", 50, 1, 10000),
    runnerMemoryMiB: int(read, "runnerMemoryMiB", 1024, 128, 10240),
    runnerTimeoutSeconds: int(read, "runnerTimeoutSeconds", 900, 10, 900),
    runnerMaxEventAgeSeconds: int(read, "runnerMaxEventAgeSeconds", 120, 60, 21600),
    runnerPythonPath: text(read, "runnerPythonPath") ?? "/opt/python/bin/python3",
    dataBuckets: list(read, "dataBuckets"),
    bundleNoncurrentDays: int(read, "bundleNoncurrentDays", 30, 1, 3650),
    logRetentionDays: int(read, "logRetentionDays", 365, 1, 3653),
  };
  for (const bucket of config.dataBuckets) {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new InfraConfigError(`dataBuckets: ${bucket} is not a bucket name`);
  }
  if (vpcId !== undefined) {
    const availabilityZones = list(read, "availabilityZones");
    const privateSubnetIds = list(read, "privateSubnetIds");
    if (availabilityZones.length < 2 || availabilityZones.length !== privateSubnetIds.length) {
      throw new InfraConfigError("vpcId needs availabilityZones and privateSubnetIds, at least two each, one subnet per zone");
    }
    config.vpc = { vpcId, availabilityZones, privateSubnetIds };
  }
  const optional = {
    operatorCidr,
    operatorSecurityGroupId: text(read, "operatorSecurityGroupId"),
    workerSecurityGroupId: text(read, "workerSecurityGroupId"),
    certificateArn: text(read, "certificateArn"),
    runnerPythonLayerArn: text(read, "runnerPythonLayerArn"),
    alarmTopicArn: text(read, "alarmTopicArn"),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(config, { [key]: value });
  return config;
}

function text(read: ContextReader, key: string): string | undefined {
  const value = read(key);
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw new InfraConfigError(`${key} must be a string`);
  return value;
}

function bool(read: ContextReader, key: string): boolean | undefined {
  const value = read(key);
  if (value === undefined) return undefined;
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  throw new InfraConfigError(`${key} must be true or false`);
}

function int(read: ContextReader, key: string, fallback: number, min: number, max: number): number {
  const raw = read(key);
  if (raw === undefined) return fallback;
  const value = typeof raw === "number" ? raw : typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new InfraConfigError(`${key} must be an integer in [${min}, ${max}], got ${String(raw)}`);
  return value;
}

/** A list from context: a JSON array, or a comma-separated string (what `-c key=a,b` gives). */
function list(read: ContextReader, key: string): string[] {
  const raw = read(key);
  if (raw === undefined || raw === "") return [];
  if (Array.isArray(raw) && raw.every((v) => typeof v === "string")) return raw;
  if (typeof raw === "string") return raw.split(",").map((s) => s.trim()).filter((s) => s !== "");
  throw new InfraConfigError(`${key} must be a list of strings`);
}
