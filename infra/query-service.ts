// The Query Service (`trace-dispatcher query-service`, POST /v1/task/query) as a second Fargate
// service from the Dispatcher's image, behind the same internal load balancer: runners reach it on
// the task listener like their other task endpoints. It trusts only the Dispatcher's JWKS (fetched
// through that listener) and reads the data buckets as itself; it needs no database and no secret.
import { Duration, Stack } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";

export const QUERY_PORT = 8081;
export const QUERY_PATH = "/v1/task/query";
/** DuckDB's staging cache and temporary files: the only writable paths (root filesystem read-only). */
const WORK_DIR = "/var/lib/trace-query";

export interface QueryServiceProps {
  vpc: ec2.IVpc;
  subnets: ec2.SubnetSelection;
  cluster: ecs.ICluster;
  image: ecs.ContainerImage;
  logGroup: logs.ILogGroup;
  /** The runner-facing listener: the query path is forwarded here, and the JWKS fetched through it. */
  taskListener: elbv2.ApplicationListener;
  loadBalancerSg: ec2.SecurityGroup;
  taskPort: number;
  taskUrl: string;
  dataBuckets: readonly string[];
  desiredCount: number;
}

export class QueryService extends Construct {
  readonly taskRole: iam.Role;
  readonly securityGroup: ec2.SecurityGroup;
  readonly service: ecs.FargateService;

  constructor(scope: Construct, id: string, props: QueryServiceProps) {
    super(scope, id);
    const partition = Stack.of(this).partition;
    this.taskRole = new iam.Role(this, "TaskRole", {
      assumedBy: new iam.ServicePrincipal("ecs-tasks.amazonaws.com"),
      description: "Query Service: read the data buckets; nothing else",
    });
    if (props.dataBuckets.length > 0) {
      this.taskRole.addToPolicy(
        new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: props.dataBuckets.map((b) => `arn:${partition}:s3:::${b}/*`) }),
      );
      this.taskRole.addToPolicy(
        new iam.PolicyStatement({ actions: ["s3:ListBucket"], resources: props.dataBuckets.map((b) => `arn:${partition}:s3:::${b}`) }),
      );
    }
    const task = new ecs.FargateTaskDefinition(this, "Task", {
      cpu: 1024,
      memoryLimitMiB: 4096,
      ephemeralStorageGiB: 50,
      taskRole: this.taskRole,
      volumes: [{ name: "work" }],
    });
    const container = task.addContainer("query", {
      image: props.image,
      command: ["query-service"],
      readonlyRootFilesystem: true,
      portMappings: [{ containerPort: QUERY_PORT }],
      environment: {
        TRACE_QUERY_HOST: "0.0.0.0",
        TRACE_QUERY_PORT: String(QUERY_PORT),
        TRACE_QUERY_JWKS_URL: `${props.taskUrl}/internal/jwks/task`,
        TRACE_QUERY_WORK_DIR: WORK_DIR,
        TMPDIR: WORK_DIR,
        // Anything that writes under $HOME (DuckDB's home directory) lands on the work volume too.
        HOME: WORK_DIR,
        LOG_LEVEL: "info",
      },
      logging: ecs.LogDrivers.awsLogs({ logGroup: props.logGroup, streamPrefix: "query" }),
      stopTimeout: Duration.seconds(30),
    });
    container.addMountPoints({ containerPath: WORK_DIR, sourceVolume: "work", readOnly: false });

    this.securityGroup = new ec2.SecurityGroup(this, "Sg", { vpc: props.vpc, description: "Query Service tasks: only the load balancer reaches them" });
    this.service = new ecs.FargateService(this, "Service", {
      cluster: props.cluster,
      taskDefinition: task,
      desiredCount: props.desiredCount,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      assignPublicIp: false,
      vpcSubnets: props.subnets,
      securityGroups: [this.securityGroup],
      healthCheckGracePeriod: Duration.seconds(60),
    });
    const targets = new elbv2.ApplicationTargetGroup(this, "Targets", {
      vpc: props.vpc,
      port: QUERY_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.IP,
      deregistrationDelay: Duration.seconds(30),
      healthCheck: { path: "/readyz", healthyHttpCodes: "200", interval: Duration.seconds(15), healthyThresholdCount: 2 },
      targets: [this.service],
    });
    // Ahead of the Dispatcher's /v1/task/* rule (lower priority number wins).
    props.taskListener.addAction("QueryPath", {
      priority: 5,
      conditions: [elbv2.ListenerCondition.pathPatterns([QUERY_PATH])],
      action: elbv2.ListenerAction.forward([targets]),
    });
    this.securityGroup.addIngressRule(props.loadBalancerSg, ec2.Port.tcp(QUERY_PORT), "load balancer to the Query Service");
    props.loadBalancerSg.addEgressRule(this.securityGroup, ec2.Port.tcp(QUERY_PORT), "load balancer to the Query Service");
    // The JWKS is fetched through the task listener, like a runner would.
    props.loadBalancerSg.addIngressRule(this.securityGroup, ec2.Port.tcp(props.taskPort), "Query Service to the Dispatcher's JWKS");
  }
}
