// The environment's alarms, on the metrics the Dispatcher itself exposes at /metrics (names from
// src/metrics/names.ts). They reach CloudWatch as Embedded Metric Format lines on the container's
// log stream (src/metrics/emf.ts), each series published per label and as a label-free total;
// docs/deploy.md says why EMF and what each alarm means.
import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as sns from "aws-cdk-lib/aws-sns";
import type { Construct } from "constructs";
import { MetricName } from "../src/metrics/names.js";

export interface AlarmOptions {
  namespace: string;
  /** SNS topic notified on ALARM and OK; unset: alarms only change state. */
  topicArn?: string;
}

const FIVE_MINUTES = Duration.minutes(5);
/** The server errors the Dispatcher answers (Connect internal/unknown → 500, unavailable → 503, …). */
const SERVER_ERROR_CODES = ["500", "502", "503", "504"] as const;

export function addAlarms(scope: Construct, options: AlarmOptions): cloudwatch.Alarm[] {
  const metric = (metricName: string, statistic: string, dimensionsMap?: Record<string, string>) =>
    new cloudwatch.Metric({ namespace: options.namespace, metricName, statistic, period: FIVE_MINUTES, ...(dimensionsMap ? { dimensionsMap } : {}) });

  const httpErrors = Object.fromEntries(SERVER_ERROR_CODES.map((code) => [`e${code}`, metric(MetricName.httpRequests, "Sum", { code })]));
  const alarms = [
    new cloudwatch.Alarm(scope, "DeadOutboxRowsAlarm", {
      alarmDescription: "Outbox rows exhausted their retries and are parked FAILED: a side effect (invoke, routing, wake-up) never happened. Inspect and replay (admin outbox replay).",
      metric: metric(MetricName.outboxDead, "Maximum"),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
    new cloudwatch.Alarm(scope, "LeaseReapsAlarm", {
      alarmDescription: "Leases expiring without a heartbeat or completion (runner crashes, timeouts, an unreachable task endpoint).",
      metric: metric(MetricName.leaseReaps, "Sum"),
      threshold: 10,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
    new cloudwatch.Alarm(scope, "InvokeFailuresAlarm", {
      alarmDescription: "Definitive runner invoke errors (function missing, access denied, payload too large): attempts are failing before they start.",
      metric: metric(MetricName.invokes, "Sum", { outcome: "failed" }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
    new cloudwatch.Alarm(scope, "Http5xxRateAlarm", {
      alarmDescription: "More than 1% of Dispatcher HTTP requests answered 5xx for 10 minutes.",
      metric: new cloudwatch.MathExpression({
        expression: `100 * (${SERVER_ERROR_CODES.map((c) => `FILL(e${c}, 0)`).join(" + ")}) / FILL(total, 1)`,
        usingMetrics: { ...httpErrors, total: metric(MetricName.httpRequests, "Sum") },
        period: FIVE_MINUTES,
        label: "5xx percent",
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
  ];
  if (options.topicArn !== undefined) {
    const topic = new actions.SnsAction(sns.Topic.fromTopicArn(scope, "AlarmTopic", options.topicArn));
    for (const alarm of alarms) {
      alarm.addAlarmAction(topic);
      alarm.addOkAction(topic);
    }
  }
  return alarms;
}
