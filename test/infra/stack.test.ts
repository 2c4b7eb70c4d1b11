// The environment's security and correctness properties (issue 9 §4), asserted on the
// synthesized template: who may reach what, what each role may do, how Lambda retries, where
// state lives and how it is protected. A dev and a production-shaped environment are both checked.
import { beforeAll, describe, expect, it } from "vitest";
import { Match, type Template } from "aws-cdk-lib/assertions";
import { MetricName } from "../../src/metrics/names.js";
import { InfraConfigError, loadEnvironmentConfig } from "../../infra/config.js";
import { synthStack } from "./synth-helper.js";

type Resource = { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> };

const PROD = {
  envName: "prod",
  operatorCidr: "10.20.0.0/16",
  workerSecurityGroupId: "sg-0123456789abcdef0",
  dataBuckets: "acme-data,acme-lake",
  dispatcherCount: "3",
  runnerReservedConcurrency: "200",
  runnerMaxEventAgeSeconds: "300",
  runnerPythonLayerArn: "arn:aws:lambda:eu-west-1:123456789012:layer:python3:4",
};

let dev: Template;
let prod: Template;

beforeAll(async () => {
  dev = (await synthStack({})).template;
  prod = (await synthStack(PROD)).template;
});

const resourcesOf = (t: Template, type: string): [string, Resource][] =>
  Object.entries(t.toJSON().Resources as Record<string, Resource>).filter(([, r]) => r.Type === type);
const only = (t: Template, type: string, pattern: RegExp): [string, Resource] => {
  const found = resourcesOf(t, type).filter(([id]) => pattern.test(id));
  expect(found.map(([id]) => id)).toHaveLength(1);
  return found[0] as [string, Resource];
};
/** Every policy statement attached (inline or via AWS::IAM::Policy) to the role with this logical id. */
function statementsOf(t: Template, roleId: string): Record<string, unknown>[] {
  const statements: Record<string, unknown>[] = [];
  for (const [, policy] of resourcesOf(t, "AWS::IAM::Policy")) {
    const roles = JSON.stringify(policy.Properties?.Roles ?? []);
    if (roles.includes(`"${roleId}"`)) statements.push(...((policy.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement));
  }
  const [, role] = resourcesOf(t, "AWS::IAM::Role").find(([id]) => id === roleId) ?? [];
  for (const inline of (role?.Properties?.Policies as { PolicyDocument: { Statement: Record<string, unknown>[] } }[] | undefined) ?? []) {
    statements.push(...inline.PolicyDocument.Statement);
  }
  return statements;
}
/** Ingress rules into one security group: its inline rules and the separate ingress resources. */
function ingressInto(t: Template, sgId: string): { port: unknown; from: unknown }[] {
  const [, sg] = resourcesOf(t, "AWS::EC2::SecurityGroup").find(([id]) => id === sgId) ?? [];
  const inline = (sg?.Properties?.SecurityGroupIngress as Record<string, unknown>[] | undefined) ?? [];
  const separate = resourcesOf(t, "AWS::EC2::SecurityGroupIngress")
    .map(([, r]) => r.Properties ?? {})
    .filter((r) => JSON.stringify(r.GroupId) === JSON.stringify({ "Fn::GetAtt": [sgId, "GroupId"] }));
  return [...inline, ...separate]
    .map((r) => ({ port: r.FromPort, from: r.CidrIp ?? r.SourceSecurityGroupId }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
const actionsOf = (statements: Record<string, unknown>[]): string[] => statements.flatMap((s) => [s.Action].flat() as string[]).sort();

describe("runner Lambda", () => {
  it("has a role with logs and VPC networking only: no S3, SQS or Secrets Manager", () => {
    const [roleId, role] = only(dev, "AWS::IAM::Role", /^RunnerRole/);
    expect(JSON.stringify(role.Properties?.ManagedPolicyArns)).toContain("service-role/AWSLambdaVPCAccessExecutionRole");
    expect((role.Properties?.ManagedPolicyArns as unknown[]).length).toBe(1);
    const actions = actionsOf(statementsOf(dev, roleId));
    expect(actions.filter((a) => /^(s3|sqs|secretsmanager|kms|\*)/.test(a))).toEqual([]);
    expect(actions).toEqual([]);
  });

  it("never retries on its own and holds events only briefly", () => {
    dev.hasResourceProperties("AWS::Lambda::EventInvokeConfig", { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 120 });
    prod.hasResourceProperties("AWS::Lambda::EventInvokeConfig", { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 300 });
  });

  it("runs nodejs24.x in the VPC with reserved concurrency, the optional layer, and the internal task URL", () => {
    const [, fn] = only(prod, "AWS::Lambda::Function", /^Runner[A-F0-9]/);
    expect(fn.Properties).toMatchObject({ Runtime: "nodejs24.x", Handler: "index.handler", ReservedConcurrentExecutions: 200 });
    expect(fn.Properties?.VpcConfig).toMatchObject({ SubnetIds: expect.any(Array), SecurityGroupIds: expect.any(Array) });
    expect(fn.Properties?.Layers).toEqual([PROD.runnerPythonLayerArn]);
    const env = (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(JSON.stringify(env.TRACE_DISPATCHER_URL)).toContain("LoadBalancer");
    expect(env.TRACE_RUNNER_PYTHON).toBe("/opt/python/bin/python3");
    const [, devFn] = only(dev, "AWS::Lambda::Function", /^Runner[A-F0-9]/);
    expect(devFn.Properties?.Layers).toBeUndefined();
  });
});

describe("Dispatcher task role", () => {
  it("has exactly: invoke (and read the invoke config of) the runner, assume the credentials role, bundles prefix", () => {
    const [roleId, role] = only(dev, "AWS::IAM::Role", /^DispatcherTaskRole[A-F0-9]/);
    expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
    const statements = statementsOf(dev, roleId);
    const [runnerId] = only(dev, "AWS::Lambda::Function", /^Runner[A-F0-9]/);
    const [credentialsId] = only(dev, "AWS::IAM::Role", /^CredentialsRole/);
    const [bucketId] = only(dev, "AWS::S3::Bucket", /^Bundles/);
    expect(statements).toEqual([
      { Effect: "Allow", Action: ["lambda:InvokeFunction", "lambda:GetFunctionEventInvokeConfig"], Resource: { "Fn::GetAtt": [runnerId, "Arn"] } },
      { Effect: "Allow", Action: "sts:AssumeRole", Resource: { "Fn::GetAtt": [credentialsId, "Arn"] } },
      { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: { "Fn::Join": ["", [{ "Fn::GetAtt": [bucketId, "Arn"] }, "/bundles/*"]] } },
    ]);
  });

  it("reads no secret itself: secrets are injected by the execution role, never as plain environment", () => {
    const [roleId] = only(dev, "AWS::IAM::Role", /^DispatcherTaskRole[A-F0-9]/);
    expect(actionsOf(statementsOf(dev, roleId)).filter((a) => a.startsWith("secretsmanager:") || a.startsWith("kms:"))).toEqual([]);
    const [, task] = only(dev, "AWS::ECS::TaskDefinition", /^DispatcherTask[A-F0-9]/);
    const containers = task.Properties?.ContainerDefinitions as { Name: string; Environment: { Name: string }[]; Secrets: { Name: string }[] }[];
    const dispatcher = containers.find((c) => c.Name === "dispatcher");
    const secretNames = dispatcher?.Secrets.map((s) => s.Name).sort();
    expect(secretNames).toEqual(["PGDATABASE", "PGHOST", "PGPASSWORD", "PGPORT", "PGUSER", "TRACE_ADMIN_TOKENS", "TRACE_TASK_JWKS", "TRACE_WORKER_TOKENS"]);
    const envNames = dispatcher?.Environment.map((e) => e.Name) ?? [];
    for (const secret of secretNames ?? []) expect(envNames).not.toContain(secret);
  });
});

describe("credentials role", () => {
  it("is trusted by the Dispatcher's task role only and bounded to the data buckets", () => {
    const [taskRoleId] = only(prod, "AWS::IAM::Role", /^DispatcherTaskRole[A-F0-9]/);
    const [roleId, role] = only(prod, "AWS::IAM::Role", /^CredentialsRole/);
    expect(role.Properties?.AssumeRolePolicyDocument).toEqual({
      Version: "2012-10-17",
      Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { AWS: { "Fn::GetAtt": [taskRoleId, "Arn"] } } }],
    });
    const statements = statementsOf(prod, roleId);
    const resources = JSON.stringify(statements.map((s) => s.Resource));
    expect(actionsOf(statements)).toEqual(["s3:GetObject", "s3:ListBucket", "s3:PutObject"]);
    for (const s of statements) {
      for (const r of [s.Resource].flat()) expect(JSON.stringify(r)).toMatch(/s3:::acme-(data|lake)(\/\*)?"/);
    }
    expect(resources).not.toContain('"*"');
  });

  it("may do nothing when no data bucket is configured", () => {
    const [roleId] = only(dev, "AWS::IAM::Role", /^CredentialsRole/);
    expect(statementsOf(dev, roleId)).toEqual([]);
  });
});

describe("network", () => {
  it("has no ingress from the internet anywhere, and an internal load balancer", () => {
    for (const t of [dev, prod]) {
      const json = JSON.stringify(t.toJSON());
      expect(json).not.toMatch(/"CidrIp":\s*"0\.0\.0\.0\/0"[^}]*"IpProtocol":\s*"(tcp|-1)"[^}]*"FromPort"/);
      for (const [, sg] of resourcesOf(t, "AWS::EC2::SecurityGroup")) {
        for (const rule of (sg.Properties?.SecurityGroupIngress as Record<string, unknown>[] | undefined) ?? []) {
          expect(rule.CidrIp).not.toBe("0.0.0.0/0");
          expect(rule.CidrIpv6).not.toBe("::/0");
        }
      }
      for (const [, rule] of resourcesOf(t, "AWS::EC2::SecurityGroupIngress")) {
        expect(rule.Properties?.CidrIp).not.toBe("0.0.0.0/0");
        expect(rule.Properties?.CidrIpv6).not.toBe("::/0");
      }
      t.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", { Scheme: "internal" });
      t.hasResourceProperties("AWS::ECS::Service", { NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: "DISABLED" } } });
    }
  });

  it("lets the runner reach only the task port, operators and workers only the admin port, and only the load balancer reach the Dispatcher", () => {
    const [albSgId] = only(prod, "AWS::EC2::SecurityGroup", /^LoadBalancerSg/);
    const [runnerSgId] = only(prod, "AWS::EC2::SecurityGroup", /^RunnerSg/);
    const [dispatcherSgId] = only(prod, "AWS::EC2::SecurityGroup", /^DispatcherSg/);
    const into = (sgId: string) => ingressInto(prod, sgId);
    const [querySgId] = only(prod, "AWS::EC2::SecurityGroup", /^QuerySg/);
    expect(into(albSgId)).toEqual(
      [
        { port: 80, from: { "Fn::GetAtt": [runnerSgId, "GroupId"] } },
        { port: 80, from: { "Fn::GetAtt": [querySgId, "GroupId"] } },
        { port: 8080, from: "10.20.0.0/16" },
        { port: 8080, from: PROD.workerSecurityGroupId },
      ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
    expect(into(dispatcherSgId)).toEqual([{ port: 8080, from: { "Fn::GetAtt": [albSgId, "GroupId"] } }]);
    const [dbSgId] = only(prod, "AWS::EC2::SecurityGroup", /^DatabaseSg/);
    expect(into(dbSgId)).toEqual([{ port: 5432, from: { "Fn::GetAtt": [dispatcherSgId, "GroupId"] } }]);
  });

  it("serves only the task paths on the runner-facing listener; everything else there is 404", () => {
    const [taskListenerId, listener] = only(dev, "AWS::ElasticLoadBalancingV2::Listener", /^LoadBalancerTaskListener/);
    expect(listener.Properties).toMatchObject({ Port: 80, DefaultActions: [{ Type: "fixed-response", FixedResponseConfig: { StatusCode: "404" } }] });
    const rules = resourcesOf(dev, "AWS::ElasticLoadBalancingV2::ListenerRule").filter(([, r]) => JSON.stringify(r.Properties?.ListenerArn).includes(taskListenerId));
    const [dispatcherTargetsId] = only(dev, "AWS::ElasticLoadBalancingV2::TargetGroup", /^DispatcherTargets/);
    const [queryTargetsId] = only(dev, "AWS::ElasticLoadBalancingV2::TargetGroup", /^QueryTargets/);
    expect(rules.map(([, r]) => ({ priority: r.Properties?.Priority, conditions: r.Properties?.Conditions, actions: r.Properties?.Actions })).sort((a, b) => Number(a.priority) - Number(b.priority))).toEqual([
      { priority: 5, conditions: [{ Field: "path-pattern", PathPatternConfig: { Values: ["/v1/task/query"] } }], actions: [{ Type: "forward", TargetGroupArn: { Ref: queryTargetsId } }] },
      { priority: 10, conditions: [{ Field: "path-pattern", PathPatternConfig: { Values: ["/v1/task/*", "/internal/jwks/task"] } }], actions: [{ Type: "forward", TargetGroupArn: { Ref: dispatcherTargetsId } }] },
    ]);
  });

  it("routes gRPC on the HTTPS admin listener to a GRPC target group, and only with HTTPS", async () => {
    const https = (await synthStack({ ...PROD, certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" })).template;
    const [grpcTargetsId, grpcTargets] = only(https, "AWS::ElasticLoadBalancingV2::TargetGroup", /^DispatcherGrpcTargets/);
    expect(grpcTargets.Properties).toMatchObject({ Protocol: "HTTP", ProtocolVersion: "GRPC", Port: 8080, HealthCheckPath: "/AWS.ALB/healthcheck", Matcher: { GrpcCode: "12" } });
    const [adminListenerId] = only(https, "AWS::ElasticLoadBalancingV2::Listener", /^LoadBalancerAdminListener/);
    const rules = resourcesOf(https, "AWS::ElasticLoadBalancingV2::ListenerRule").filter(([, r]) => JSON.stringify(r.Properties?.ListenerArn).includes(adminListenerId));
    expect(rules.map(([, r]) => [r.Properties?.Conditions, r.Properties?.Actions])).toEqual([
      [
        [{ Field: "http-header", HttpHeaderConfig: { HttpHeaderName: "content-type", Values: ["application/grpc", "application/grpc+proto", "application/grpc+json"] } }],
        [{ Type: "forward", TargetGroupArn: { Ref: grpcTargetsId } }],
      ],
    ]);
    expect(resourcesOf(prod, "AWS::ElasticLoadBalancingV2::TargetGroup").filter(([id]) => id.startsWith("DispatcherGrpcTargets"))).toEqual([]);
  });

  it("admits no one to the admin port when no operator network is given", () => {
    const [albSgId] = only(dev, "AWS::EC2::SecurityGroup", /^LoadBalancerSg/);
    expect(ingressInto(dev, albSgId).filter((r) => r.port === 8080)).toEqual([]);
  });
});

describe("Query Service", () => {
  it("runs query-service privately behind the task listener, reading the data buckets and nothing else", async () => {
    const [roleId, role] = only(prod, "AWS::IAM::Role", /^QueryTaskRole/);
    expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
    const statements = statementsOf(prod, roleId);
    expect(actionsOf(statements)).toEqual(["s3:GetObject", "s3:ListBucket"]);
    for (const s of statements) for (const r of [s.Resource].flat()) expect(JSON.stringify(r)).toMatch(/s3:::acme-(data|lake)(\/\*)?"/);
    expect(statementsOf(dev, only(dev, "AWS::IAM::Role", /^QueryTaskRole/)[0])).toEqual([]);
    const [, task] = only(prod, "AWS::ECS::TaskDefinition", /^QueryTask[A-F0-9]/);
    const [container] = task.Properties?.ContainerDefinitions as Record<string, unknown>[];
    expect(container).toMatchObject({ Command: ["query-service"], ReadonlyRootFilesystem: true, PortMappings: [{ ContainerPort: 8081 }] });
    expect(JSON.stringify(container?.Environment)).toContain("/internal/jwks/task");
    expect(container?.Secrets).toBeUndefined();
    prod.hasResourceProperties("AWS::ECS::Service", { DesiredCount: 2, TaskDefinition: { Ref: only(prod, "AWS::ECS::TaskDefinition", /^QueryTask[A-F0-9]/)[0] }, NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: "DISABLED" } } });
    const [querySgId] = only(prod, "AWS::EC2::SecurityGroup", /^QuerySg/);
    const [albSgId] = only(prod, "AWS::EC2::SecurityGroup", /^LoadBalancerSg/);
    expect(ingressInto(prod, querySgId)).toEqual([{ port: 8081, from: { "Fn::GetAtt": [albSgId, "GroupId"] } }]);
    const [, runner] = only(prod, "AWS::Lambda::Function", /^Runner[A-F0-9]/);
    const env = (runner.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env.TRACE_QUERY_URL).toEqual(env.TRACE_DISPATCHER_URL);
    const without = (await synthStack({ queryService: "false" })).template;
    expect(resourcesOf(without, "AWS::ECS::Service")).toHaveLength(1);
    expect(resourcesOf(without, "AWS::ElasticLoadBalancingV2::ListenerRule")).toHaveLength(1);
  });
});

describe("state", () => {
  it("keeps PostgreSQL private and encrypted, protected from deletion outside dev", () => {
    dev.hasResourceProperties("AWS::RDS::DBInstance", { Engine: "postgres", PubliclyAccessible: false, StorageEncrypted: true, DeletionProtection: false });
    prod.hasResourceProperties("AWS::RDS::DBInstance", { PubliclyAccessible: false, StorageEncrypted: true, DeletionProtection: true, MultiAZ: true });
    prod.hasResource("AWS::RDS::DBInstance", { DeletionPolicy: "Snapshot" });
    dev.hasResourceProperties("AWS::SecretsManager::Secret", { GenerateSecretString: Match.objectLike({ SecretStringTemplate: '{"username":"trace"}' }) });
  });

  it("blocks public access to the bundle bucket, encrypts it, enforces TLS, versions it and expires old versions", () => {
    const [bucketId] = only(dev, "AWS::S3::Bucket", /^Bundles/);
    dev.hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
      VersioningConfiguration: { Status: "Enabled" },
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: "Enabled" })]) },
    });
    dev.hasResourceProperties("AWS::S3::BucketPolicy", {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Action: "s3:*", Principal: { AWS: "*" }, Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      },
    });
  });
});

describe("Dispatcher service", () => {
  it("runs at least two tasks, health-checked on /readyz, logging to CloudWatch, migrating first", () => {
    dev.hasResourceProperties("AWS::ECS::Service", { DesiredCount: 2, LaunchType: "FARGATE" });
    prod.hasResourceProperties("AWS::ECS::Service", { DesiredCount: 3 });
    dev.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", { HealthCheckPath: "/readyz", Port: 8080, TargetType: "ip" });
    const [, task] = only(dev, "AWS::ECS::TaskDefinition", /^DispatcherTask[A-F0-9]/);
    const containers = task.Properties?.ContainerDefinitions as Record<string, unknown>[];
    const byName = Object.fromEntries(containers.map((c) => [c.Name, c]));
    expect(byName.migrate).toMatchObject({ Command: ["migrate"], Essential: false });
    expect(byName.dispatcher).toMatchObject({ Command: ["serve"], Essential: true, DependsOn: [{ ContainerName: "migrate", Condition: "SUCCESS" }] });
    for (const c of containers) expect(c.LogConfiguration).toMatchObject({ LogDriver: "awslogs" });
    const [, migrate] = only(dev, "AWS::ECS::TaskDefinition", /^MigrateTask/);
    expect((migrate.Properties?.ContainerDefinitions as Record<string, unknown>[])[0]).toMatchObject({ Command: ["migrate"] });
  });

  it("refuses fewer than two Dispatcher tasks and other bad parameters before building anything", () => {
    const read = (ctx: Record<string, unknown>) => (key: string) => ctx[key];
    expect(() => loadEnvironmentConfig(read({ dispatcherCount: "1" }))).toThrow(InfraConfigError);
    expect(() => loadEnvironmentConfig(read({ operatorCidr: "0.0.0.0/0" }))).toThrow(/whole internet/);
    expect(() => loadEnvironmentConfig(read({ vpcId: "vpc-1", availabilityZones: "a" }))).toThrow(/privateSubnetIds/);
    expect(loadEnvironmentConfig(read({ envName: "staging" })).production).toBe(true);
    expect(loadEnvironmentConfig(read({})).production).toBe(false);
  });
});

describe("alarms and outputs", () => {
  it("alarm on dead outbox rows, lease reaps, invoke failures and the 5xx rate, by the Dispatcher's metric names", () => {
    const alarms = resourcesOf(dev, "AWS::CloudWatch::Alarm").map(([, a]) => JSON.stringify(a.Properties));
    expect(alarms).toHaveLength(4);
    const namespace = '"Namespace":"TraceDispatcher/dev"';
    expect(alarms.find((a) => a.includes(`"MetricName":"${MetricName.outboxDead}"`))).toContain(namespace);
    expect(alarms.find((a) => a.includes(`"MetricName":"${MetricName.leaseReaps}"`))).toContain(namespace);
    expect(alarms.find((a) => a.includes(`"MetricName":"${MetricName.invokes}"`))).toContain('"Dimensions":[{"Name":"outcome","Value":"failed"}]');
    const http = alarms.find((a) => a.includes(`"MetricName":"${MetricName.httpRequests}"`));
    expect(http).toContain('{"Name":"code","Value":"503"}');
    dev.hasResourceProperties("AWS::ECS::TaskDefinition", {
      ContainerDefinitions: Match.arrayWith([Match.objectLike({ Environment: Match.arrayWith([{ Name: "TRACE_METRICS_EMF_NAMESPACE", Value: "TraceDispatcher/dev" }]) })]),
    });
  });

  it("outputs the endpoints, the runner function and the bundle bucket", () => {
    const outputs = Object.keys(dev.toJSON().Outputs as object);
    expect(outputs).toEqual(expect.arrayContaining(["TaskEndpointUrl", "AdminEndpointUrl", "RunnerFunctionName", "BundleBucketName", "MigrateTaskDefinitionArn"]));
  });

  it("gives every linter suppression a reason", () => {
    for (const t of [dev, prod]) {
      for (const [, r] of Object.entries(t.toJSON().Resources as Record<string, Resource>)) {
        const skips = (r.Metadata?.checkov as { skip?: { id: string; comment: string }[] } | undefined)?.skip ?? [];
        for (const s of skips) expect(s.comment.length).toBeGreaterThan(20);
      }
    }
  });
});
