// In-code suppressions for the template linters. Every skipped check carries its one-line reason
// in the template itself (resource Metadata), where checkov and cfn-lint read it and a reviewer
// sees it next to the resource.
import { CfnResource } from "aws-cdk-lib";
import type { IConstruct } from "constructs";

/** Reason per checkov check id, e.g. { CKV_AWS_116: "the reaper owns retries" }. */
export type Reasons = Readonly<Record<string, string>>;

export function skipChecks(construct: IConstruct, reasons: Reasons): void {
  const resource = cfnResourceOf(construct);
  const existing = (resource.getMetadata("checkov") as { skip?: { id: string; comment: string }[] } | undefined)?.skip ?? [];
  const skip = [...existing.filter((s) => !(s.id in reasons)), ...Object.entries(reasons).map(([id, comment]) => ({ id, comment }))];
  resource.addMetadata("checkov", { skip });
}

/** cfn-lint rule ids to ignore on one resource, each with its reason (kept beside it as Metadata). */
export function ignoreLintRules(construct: IConstruct, reasons: Reasons): void {
  const resource = cfnResourceOf(construct);
  resource.addMetadata("cfn-lint", { config: { ignore_checks: Object.keys(reasons) } });
  resource.addMetadata("cfn-lint-reasons", reasons);
}

function cfnResourceOf(construct: IConstruct): CfnResource {
  if (CfnResource.isCfnResource(construct)) return construct;
  const child = construct.node.defaultChild;
  if (child !== undefined && CfnResource.isCfnResource(child)) return child;
  throw new Error(`${construct.node.path} has no CloudFormation resource to annotate`);
}

/**
 * The handlers CDK adds for its own custom resources (e.g. the one that empties the VPC's default
 * security group) run once per deployment, outside the VPC, on CDK's code.
 */
export function skipCdkProviderChecks(scope: IConstruct): void {
  for (const construct of scope.node.findAll()) {
    if (!CfnResource.isCfnResource(construct) || construct.cfnResourceType !== "AWS::Lambda::Function") continue;
    if (!construct.node.path.includes("CustomResourceProvider")) continue;
    skipChecks(construct, {
      CKV_AWS_116: "CDK's deploy-time custom resource handler; CloudFormation retries it, no queue",
      CKV_AWS_117: "CDK's deploy-time handler calls only the EC2 API, never anything inside the VPC",
      CKV_AWS_115: "CDK's deploy-time handler runs once per deployment; no concurrency to bound",
    });
    ignoreLintRules(construct, { W3005: "CDK writes DependsOn beside the role GetAtt; the duplicate ordering is harmless" });
  }
}
