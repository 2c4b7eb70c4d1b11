// One Trace Dispatcher environment: VPC, PostgreSQL, the Dispatcher on ECS Fargate behind an
// internal load balancer, the platform runner Lambda, the bundle bucket, the credentials role,
// secrets and alarms (CONTRACT §1-§3). Every grant is written out by hand instead of through
// CDK's grant* helpers where those would add actions the contract does not allow (the task
// role's exact actions are asserted in test/infra).
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import * as rds from "aws-cdk-lib/aws-rds";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { addAlarms } from "./alarms.js";
import { QueryService } from "./query-service.js";
import { ignoreLintRules, skipCdkProviderChecks, skipChecks } from "./suppressions.js";
import type { EnvironmentConfig } from "./config.js";

/** Where the container listens and the two load balancer ports (task-facing, operator-facing). */
export const DISPATCHER_PORT = 8080;
/** Namespace of the Dispatcher's EMF metrics in CloudWatch (one per environment). */
export const metricsNamespace = (envName: string): string => `TraceDispatcher/${envName}`;
const BUNDLE_PREFIX = "bundles";
/** Paths the runner may reach: its own task endpoints and the public keys. Nothing else. */
const TASK_PATHS = ["/v1/task/*", "/internal/jwks/task"];
/** The gRPC requests (not gRPC-Web, which is HTTP/1.1-friendly) the admin listener sends to the gRPC target group. */
const GRPC_CONTENT_TYPES = ["application/grpc", "application/grpc+proto", "application/grpc+json"];

export interface DispatcherStackProps extends StackProps {
  config: EnvironmentConfig;
  /** The Dispatcher image (ContainerImage.fromAsset(repoRoot) in the app). */
  image: ecs.ContainerImage;
  /** The built runner zip (`npm run build:runner` writes dist/runner.zip). */
  runnerZip: string;
}

export class DispatcherStack extends Stack {
  readonly taskRole: iam.Role;
  readonly runner: lambda.Function;

  constructor(scope: Construct, id: string, props: DispatcherStackProps) {
    super(scope, id, props);
    const { config } = props;
    const stateful = config.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // --- Network -------------------------------------------------------------------------------
    const vpc = config.vpc
      ? ec2.Vpc.fromVpcAttributes(this, "Vpc", config.vpc)
      : new ec2.Vpc(this, "Vpc", {
          maxAzs: 2,
          natGateways: config.production ? 2 : 1,
          subnetConfiguration: [
            { name: "public", subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
            { name: "private", subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
          ],
          flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.REJECT } },
          // The default security group denies everything; nothing here uses it.
          restrictDefaultSecurityGroup: true,
        });
    const privateSubnets: ec2.SubnetSelection = config.vpc ? { subnets: vpc.privateSubnets } : { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };

    const runnerSg = new ec2.SecurityGroup(this, "RunnerSg", { vpc, description: "Runner Lambda: outbound to the Dispatcher and presigned S3 URLs" });
    const albSg = new ec2.SecurityGroup(this, "LoadBalancerSg", { vpc, allowAllOutbound: false, description: "Internal load balancer: task port from the runner, admin port from operators" });
    const dispatcherSg = new ec2.SecurityGroup(this, "DispatcherSg", { vpc, description: "Dispatcher tasks: only the load balancer reaches them" });
    const dbSg = new ec2.SecurityGroup(this, "DatabaseSg", { vpc, allowAllOutbound: false, description: "State database: only the Dispatcher reaches it" });

    // --- Keys, secrets -------------------------------------------------------------------------
    const secretsKey = new kms.Key(this, "SecretsKey", {
      enableKeyRotation: true,
      description: `trace-dispatcher ${config.envName}: secrets and database credentials`,
      removalPolicy: stateful,
    });
    const keyring = new secretsmanager.Secret(this, "TaskKeyring", {
      description: "ES256 task-token keyring (private JWK set); set with `keys generate`, see docs/deploy.md",
      encryptionKey: secretsKey,
      removalPolicy: stateful,
    });
    const tokenSecret = (id: string, description: string) =>
      new secretsmanager.Secret(this, id, {
        description,
        encryptionKey: secretsKey,
        removalPolicy: stateful,
        generateSecretString: { passwordLength: 48, excludePunctuation: true },
      });
    const adminTokens = tokenSecret("AdminTokens", "Accepted admin bearer tokens (comma list; rotation: add, redeploy, remove)");
    const workerTokens = tokenSecret("WorkerTokens", "Accepted worker tokens (comma list; rotation: add, redeploy, remove)");
    for (const secret of [keyring, adminTokens, workerTokens]) {
      skipChecks(secret, { CKV2_AWS_57: "rotated by the documented runbook (keys rotate|retire, token lists), not a rotation Lambda" });
    }

    // --- State: PostgreSQL -----------------------------------------------------------------------
    const database = new rds.DatabaseInstance(this, "Database", {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17_9 }),
      instanceType: new ec2.InstanceType(config.dbInstanceClass),
      vpc,
      vpcSubnets: privateSubnets,
      securityGroups: [dbSg],
      publiclyAccessible: false,
      storageEncrypted: true,
      credentials: rds.Credentials.fromGeneratedSecret("trace", { encryptionKey: secretsKey }),
      databaseName: "trace",
      allocatedStorage: config.dbAllocatedStorageGiB,
      multiAz: config.production,
      deletionProtection: config.production,
      removalPolicy: config.production ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      backupRetention: Duration.days(config.production ? 14 : 1),
      autoMinorVersionUpgrade: true,
      cloudwatchLogsExports: ["postgresql"],
      enablePerformanceInsights: true,
      performanceInsightEncryptionKey: secretsKey,
      monitoringInterval: Duration.seconds(60),
      copyTagsToSnapshot: true,
      parameters: { "rds.force_ssl": "1", log_min_duration_statement: "1000" },
    });
    skipChecks(database, {
      CKV_AWS_161: "the Dispatcher authenticates with a Secrets Manager password; IAM auth tokens would need a refresh hook in the pool",
      CKV_AWS_157: "multi-AZ is on for every non-dev environment (config.production); dev stays single-AZ for cost",
      CKV_AWS_293: "deletion protection is on for every non-dev environment (config.production)",
      CKV2_AWS_30: "slow statements are logged (log_min_duration_statement); full query logging would record task payloads",
    });
    const dbSecret = database.secret;
    if (dbSecret === undefined) throw new Error("the database secret was not generated");
    skipChecks(dbSecret, { CKV2_AWS_57: "rotation of the database password is a documented manual step (docs/deploy.md)" });

    // --- Bundles -------------------------------------------------------------------------------
    const accessLogs = new s3.Bucket(this, "AccessLogs", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      // Owner-enforced: S3 log delivery is granted by bucket policy, no ACL.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(config.logRetentionDays), noncurrentVersionExpiration: Duration.days(7) }],
      removalPolicy: stateful,
    });
    skipChecks(accessLogs, {
      CKV_AWS_18: "this is the access-log bucket; logging it into itself would loop",
      CKV_AWS_145: "S3 server access logging can only deliver to SSE-S3 buckets",
      CKV2_AWS_62: "nothing consumes events from the access-log bucket",
      CKV_AWS_144: "access logs are not replicated across regions",
    });
    const bundles = new s3.Bucket(this, "Bundles", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: "bundles/",
      lifecycleRules: [
        { noncurrentVersionExpiration: Duration.days(config.bundleNoncurrentDays), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: stateful,
    });
    skipChecks(bundles, {
      CKV_AWS_145: "SSE-S3, not KMS: runners fetch bundles through presigned URLs and hold no KMS permission",
      CKV2_AWS_62: "bundles are content-addressed and registered through the admin API; no event consumers",
      CKV_AWS_144: "bundles are rebuilt from source; cross-region replication is out of scope",
    });

    // --- Runner Lambda -------------------------------------------------------------------------
    const runnerRole = new iam.Role(this, "RunnerRole", {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: "Platform runner: logs and VPC networking only (no S3, SQS or Secrets Manager)",
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSLambdaVPCAccessExecutionRole")],
    });
    const runnerLogs = new logs.LogGroup(this, "RunnerLogs", { retention: config.logRetentionDays, removalPolicy: stateful });
    // The load balancer exists before the runner so the runner's URL can name it.
    const alb = new elbv2.ApplicationLoadBalancer(this, "LoadBalancer", {
      vpc,
      vpcSubnets: privateSubnets,
      internetFacing: false,
      securityGroup: albSg,
      dropInvalidHeaderFields: true,
      deletionProtection: config.production,
    });
    const https = config.certificateArn !== undefined;
    const taskPort = https ? 443 : 80;
    const adminPort = https ? 8443 : 8080;
    const scheme = https ? "https" : "http";
    const taskUrl = `${scheme}://${alb.loadBalancerDnsName}${https ? "" : ":80"}`;
    const adminUrl = `${scheme}://${alb.loadBalancerDnsName}:${adminPort}`;

    this.runner = new lambda.Function(this, "Runner", {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: "index.handler",
      code: lambda.Code.fromAsset(props.runnerZip),
      role: runnerRole,
      vpc,
      vpcSubnets: privateSubnets,
      securityGroups: [runnerSg],
      memorySize: config.runnerMemoryMiB,
      timeout: Duration.seconds(config.runnerTimeoutSeconds),
      reservedConcurrentExecutions: config.runnerReservedConcurrency,
      logGroup: runnerLogs,
      environment: {
        TRACE_DISPATCHER_URL: taskUrl,
        // The runner hands it to bundles; the load balancer routes /v1/task/query to the Query Service.
        ...(config.queryService ? { TRACE_QUERY_URL: taskUrl } : {}),
        ...(config.runnerPythonLayerArn ? { TRACE_RUNNER_PYTHON: config.runnerPythonPath } : {}),
      },
      ...(config.runnerPythonLayerArn
        ? { layers: [lambda.LayerVersion.fromLayerVersionArn(this, "PythonLayer", config.runnerPythonLayerArn)] }
        : {}),
    });
    // The Dispatcher owns retries (CONTRACT §3): Lambda must not retry, and must not sit on events.
    this.runner.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.seconds(config.runnerMaxEventAgeSeconds) });
    skipChecks(this.runner, {
      CKV_AWS_116: "no dead-letter queue: a lost invoke is found by the Dispatcher's reaper, which owns retries",
      CKV_AWS_173: "the environment holds only the Dispatcher URL and limits, no secrets",
      CKV_AWS_272: "the runner zip is built and deployed by this pipeline; code signing is not configured",
    });
    ignoreLintRules(this.runner, { W3005: "CDK writes DependsOn on the role beside its GetAtt; the duplicate ordering is harmless" });

    // --- Credentials role (/v1/task/credentials) -----------------------------------------------
    this.taskRole = new iam.Role(this, "DispatcherTaskRole", {
      assumedBy: new iam.ServicePrincipal("ecs-tasks.amazonaws.com"),
      description: "Dispatcher: invoke the runner, assume the credentials role, bundles prefix; nothing else",
    });
    const credentialsRole = new iam.Role(this, "CredentialsRole", {
      // Trusted by the Dispatcher's task role only; the session policy narrows each grant further.
      assumedBy: new iam.ArnPrincipal(this.taskRole.roleArn),
      maxSessionDuration: Duration.hours(1),
      description: "Assumed by the Dispatcher for task-scoped S3 credentials on the configured data buckets",
    });
    if (config.dataBuckets.length > 0) {
      credentialsRole.addToPolicy(
        new iam.PolicyStatement({
          actions: ["s3:GetObject", "s3:PutObject"],
          resources: config.dataBuckets.map((b) => `arn:${this.partition}:s3:::${b}/*`),
        }),
      );
      credentialsRole.addToPolicy(
        new iam.PolicyStatement({ actions: ["s3:ListBucket"], resources: config.dataBuckets.map((b) => `arn:${this.partition}:s3:::${b}`) }),
      );
    }

    // --- Dispatcher task role: exactly these statements ----------------------------------------
    this.taskRole.addToPolicy(
      new iam.PolicyStatement({
        // GetFunctionEventInvokeConfig: `serve` verifies MaximumRetryAttempts = 0 at start-up.
        actions: ["lambda:InvokeFunction", "lambda:GetFunctionEventInvokeConfig"],
        resources: [this.runner.functionArn],
      }),
    );
    this.taskRole.addToPolicy(new iam.PolicyStatement({ actions: ["sts:AssumeRole"], resources: [credentialsRole.roleArn] }));
    this.taskRole.addToPolicy(
      new iam.PolicyStatement({ actions: ["s3:GetObject", "s3:PutObject"], resources: [bundles.arnForObjects(`${BUNDLE_PREFIX}/*`)] }),
    );

    // --- Dispatcher on ECS Fargate --------------------------------------------------------------
    const cluster = new ecs.Cluster(this, "Cluster", { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    const dispatcherLogs = new logs.LogGroup(this, "DispatcherLogs", { retention: config.logRetentionDays, removalPolicy: stateful });
    // Secrets reach the containers through ECS injection: the execution role reads them at task
    // start, so the application's own role holds no Secrets Manager permission at all.
    const dbEnv: Record<string, ecs.Secret> = {
      PGHOST: ecs.Secret.fromSecretsManager(dbSecret, "host"),
      PGPORT: ecs.Secret.fromSecretsManager(dbSecret, "port"),
      PGUSER: ecs.Secret.fromSecretsManager(dbSecret, "username"),
      PGPASSWORD: ecs.Secret.fromSecretsManager(dbSecret, "password"),
      PGDATABASE: ecs.Secret.fromSecretsManager(dbSecret, "dbname"),
    };
    // postgres.js fills host, user, password and database from the PG* variables; TLS is required.
    const databaseUrl = "postgres://?sslmode=require";
    const logging = (prefix: string) => ecs.LogDrivers.awsLogs({ logGroup: dispatcherLogs, streamPrefix: prefix });

    const taskDefinition = new ecs.FargateTaskDefinition(this, "DispatcherTask", {
      cpu: config.dispatcherCpu,
      memoryLimitMiB: config.dispatcherMemoryMiB,
      taskRole: this.taskRole,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    });
    // Every Dispatcher task migrates first (an advisory lock serializes concurrent migrators), so
    // a new image never serves against an older schema; the standalone task below is for operators.
    const migrateInTask = taskDefinition.addContainer("migrate", {
      image: props.image,
      command: ["migrate"],
      essential: false,
      readonlyRootFilesystem: true,
      environment: { DATABASE_URL: databaseUrl },
      secrets: dbEnv,
      logging: logging("migrate"),
    });
    const dispatcher = taskDefinition.addContainer("dispatcher", {
      image: props.image,
      command: ["serve"],
      essential: true,
      readonlyRootFilesystem: true,
      portMappings: [{ containerPort: DISPATCHER_PORT }],
      environment: {
        HOST: "0.0.0.0",
        PORT: String(DISPATCHER_PORT),
        TRACE_PUBLIC_URL: taskUrl,
        DATABASE_URL: databaseUrl,
        TRACE_INVOKER: "lambda",
        TRACE_LAMBDA_FUNCTION: this.runner.functionName,
        TRACE_LAMBDA_MAX_EVENT_AGE_SECONDS: String(config.runnerMaxEventAgeSeconds),
        TRACE_BUNDLE_BUCKET: bundles.bucketName,
        TRACE_BUNDLE_PREFIX: BUNDLE_PREFIX,
        TRACE_CREDENTIALS_ROLE_ARN: credentialsRole.roleArn,
        TRACE_METRICS_EMF_NAMESPACE: metricsNamespace(config.envName),
        LOG_LEVEL: "info",
      },
      secrets: {
        ...dbEnv,
        TRACE_TASK_JWKS: ecs.Secret.fromSecretsManager(keyring),
        TRACE_ADMIN_TOKENS: ecs.Secret.fromSecretsManager(adminTokens),
        TRACE_WORKER_TOKENS: ecs.Secret.fromSecretsManager(workerTokens),
      },
      logging: logging("dispatcher"),
      stopTimeout: Duration.seconds(30),
    });
    dispatcher.addContainerDependencies({ container: migrateInTask, condition: ecs.ContainerDependencyCondition.SUCCESS });

    const service = new ecs.FargateService(this, "Dispatcher", {
      cluster,
      taskDefinition,
      desiredCount: config.dispatcherCount,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      assignPublicIp: false,
      vpcSubnets: privateSubnets,
      securityGroups: [dispatcherSg],
      healthCheckGracePeriod: Duration.seconds(60),
    });

    // The one-off migration, for a pipeline step ahead of `cdk deploy` (docs/deploy.md).
    const migrateTask = new ecs.FargateTaskDefinition(this, "MigrateTask", { cpu: 256, memoryLimitMiB: 512 });
    migrateTask.addContainer("migrate", {
      image: props.image,
      command: ["migrate"],
      readonlyRootFilesystem: true,
      environment: { DATABASE_URL: databaseUrl },
      secrets: dbEnv,
      logging: logging("migrate-once"),
    });

    // --- Load balancer: two listeners, two audiences ---------------------------------------------
    const targetGroup = new elbv2.ApplicationTargetGroup(this, "DispatcherTargets", {
      vpc,
      port: DISPATCHER_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.IP,
      deregistrationDelay: Duration.seconds(30),
      healthCheck: { path: "/readyz", healthyHttpCodes: "200", interval: Duration.seconds(15), healthyThresholdCount: 2 },
      targets: [service],
    });
    const listenerProtocol = https ? elbv2.ApplicationProtocol.HTTPS : elbv2.ApplicationProtocol.HTTP;
    const certificates = https ? [elbv2.ListenerCertificate.fromArn(config.certificateArn ?? "")] : undefined;
    const notFound = elbv2.ListenerAction.fixedResponse(404, { contentType: "text/plain", messageBody: "not found" });
    const taskListener = alb.addListener("TaskListener", {
      port: taskPort,
      protocol: listenerProtocol,
      ...(certificates ? { certificates, sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS } : {}),
      open: false,
      defaultAction: notFound,
    });
    taskListener.addAction("TaskPaths", {
      priority: 10,
      conditions: [elbv2.ListenerCondition.pathPatterns(TASK_PATHS)],
      action: elbv2.ListenerAction.forward([targetGroup]),
    });
    const adminListener = alb.addListener("AdminListener", {
      port: adminPort,
      protocol: listenerProtocol,
      ...(certificates ? { certificates, sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS } : {}),
      open: false,
      defaultAction: elbv2.ListenerAction.forward([targetGroup]),
    });
    if (https) {
      // Native gRPC through an ALB needs an HTTPS listener and a target group of protocol version
      // GRPC (HTTP/2 to the targets, cleartext: the Dispatcher serves h2c). Connect and gRPC-Web
      // need neither: they reach the HTTP/1.1 target group above. The ALB's default gRPC health
      // check calls /AWS.ALB/healthcheck and counts UNIMPLEMENTED (12) as healthy, which is how
      // the Dispatcher answers an unknown method; readiness stays /readyz on the other group.
      const grpcTargets = new elbv2.ApplicationTargetGroup(this, "DispatcherGrpcTargets", {
        vpc,
        port: DISPATCHER_PORT,
        protocol: elbv2.ApplicationProtocol.HTTP,
        protocolVersion: elbv2.ApplicationProtocolVersion.GRPC,
        targetType: elbv2.TargetType.IP,
        deregistrationDelay: Duration.seconds(30),
        healthCheck: { path: "/AWS.ALB/healthcheck", healthyGrpcCodes: "12", interval: Duration.seconds(15), healthyThresholdCount: 2 },
        targets: [service],
      });
      adminListener.addAction("GrpcCalls", {
        priority: 10,
        conditions: [elbv2.ListenerCondition.httpHeader("content-type", [...GRPC_CONTENT_TYPES])],
        action: elbv2.ListenerAction.forward([grpcTargets]),
      });
    }
    albSg.addIngressRule(runnerSg, ec2.Port.tcp(taskPort), "runner Lambda to the task endpoints");
    if (config.queryService) {
      new QueryService(this, "Query", {
        vpc,
        subnets: privateSubnets,
        cluster,
        image: props.image,
        logGroup: dispatcherLogs,
        taskListener,
        loadBalancerSg: albSg,
        taskPort,
        taskUrl,
        dataBuckets: config.dataBuckets,
        desiredCount: config.queryCount,
      });
    }
    if (config.operatorCidr !== undefined) albSg.addIngressRule(ec2.Peer.ipv4(config.operatorCidr), ec2.Port.tcp(adminPort), "operator network to the admin API");
    if (config.operatorSecurityGroupId !== undefined) {
      albSg.addIngressRule(ec2.Peer.securityGroupId(config.operatorSecurityGroupId), ec2.Port.tcp(adminPort), "operator security group to the admin API");
    }
    if (config.workerSecurityGroupId !== undefined) {
      albSg.addIngressRule(ec2.Peer.securityGroupId(config.workerSecurityGroupId), ec2.Port.tcp(adminPort), "trusted workers to /internal/task-*");
    }
    dispatcherSg.addIngressRule(albSg, ec2.Port.tcp(DISPATCHER_PORT), "load balancer to the Dispatcher");
    albSg.addEgressRule(dispatcherSg, ec2.Port.tcp(DISPATCHER_PORT), "load balancer to the Dispatcher");
    dbSg.addIngressRule(dispatcherSg, ec2.Port.tcp(5432), "Dispatcher (and its migrate container) to PostgreSQL");
    skipChecks(alb, {
      CKV_AWS_91: "request logs are the Dispatcher's own JSON logs; ALB access logs are optional per environment",
      ...(https ? {} : { CKV_AWS_2: "internal-only listeners inside the VPC; pass certificateArn for HTTPS", CKV_AWS_103: "no TLS without certificateArn (internal-only)" }),
    });
    for (const listener of [taskListener, adminListener]) {
      if (!https) skipChecks(listener, { CKV_AWS_2: "internal-only listener; HTTPS when certificateArn is given", CKV_AWS_103: "HTTP only without certificateArn" });
    }

    const plainLogs = { CKV_AWS_158: "CloudWatch Logs encrypts at rest; lines hold no secrets (the logger redacts them)" };
    for (const group of [runnerLogs, dispatcherLogs]) skipChecks(group, plainLogs);
    if (!config.vpc) {
      const flowLogGroup = this.node.findAll().find((c) => c instanceof logs.CfnLogGroup && c.node.path.includes("/Vpc/"));
      if (flowLogGroup !== undefined) skipChecks(flowLogGroup, plainLogs);
    }
    skipCdkProviderChecks(this);

    addAlarms(this, { namespace: metricsNamespace(config.envName), ...(config.alarmTopicArn ? { topicArn: config.alarmTopicArn } : {}) });

    // --- Outputs ---------------------------------------------------------------------------------
    new CfnOutput(this, "TaskEndpointUrl", { value: taskUrl, description: "Runner-facing base URL (/v1/task/*, JWKS), inside the VPC" });
    new CfnOutput(this, "AdminEndpointUrl", { value: adminUrl, description: "Operator-facing base URL (admin API, /metrics, worker endpoints)" });
    new CfnOutput(this, "RunnerFunctionName", { value: this.runner.functionName });
    new CfnOutput(this, "BundleBucketName", { value: bundles.bucketName });
    new CfnOutput(this, "ClusterName", { value: cluster.clusterName });
    new CfnOutput(this, "ServiceName", { value: service.serviceName });
    new CfnOutput(this, "MigrateTaskDefinitionArn", { value: migrateTask.taskDefinitionArn });
    new CfnOutput(this, "PrivateSubnetIds", { value: vpc.selectSubnets(privateSubnets).subnetIds.join(",") });
    new CfnOutput(this, "DispatcherSecurityGroupId", { value: dispatcherSg.securityGroupId });
    new CfnOutput(this, "TaskKeyringSecretArn", { value: keyring.secretArn });
    new CfnOutput(this, "AdminTokensSecretArn", { value: adminTokens.secretArn });
    new CfnOutput(this, "WorkerTokensSecretArn", { value: workerTokens.secretArn });
  }
}
