// TaskContext: one attempt of one task, built from the invocation payload. It keeps the lease
// alive (heartbeats at a quarter of the lease), turns cancellation into an AbortSignal, and
// reports events, completion and failure through the fenced task-scoped RPCs.
import { configFrom, type ConfigObject } from "./config.js";
import { randomUUID } from "node:crypto";
import { fromJson, type JsonObject, type JsonValue } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Code, createClient, type Client, type Transport } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import {
  DatasetEventSchema,
  TaskInvocationSchema,
  type DatasetEvent,
  type TaskInvocation,
} from "@trace/dispatcher-proto/v1/payload_pb.js";
import {
  DatasetPublishedSchema,
  TaskOutputSchema,
  TaskService,
  TaskStatus,
  type CompleteResponse,
} from "@trace/dispatcher-proto/v1/task_pb.js";
import { TaskCanceledError, isTerminalRefusal, toTaskError } from "./errors.js";
import { createQueryClient, toQueryResult, type QueryOptions, type QueryResult, type QueryRow } from "./query.js";

export const CAPABILITY_HEADER = "X-Trace-Task-Capability";

export interface TaskContextOptions {
  /** Base URL of the Dispatcher; defaults to TRACE_DISPATCHER_URL. */
  dispatcherUrl?: string;
  /** Override the heartbeat interval (default: a quarter of the lease). */
  heartbeatIntervalMs?: number;
  /** A custom transport (tests, proxies). */
  transport?: Transport;
  /** Base URL of the Query Service; defaults to TRACE_QUERY_URL, then to the Dispatcher URL. */
  queryUrl?: string;
  /** A custom transport for the Query Service. */
  queryTransport?: Transport;
}

/** Credentials in the shape the AWS SDK for JavaScript v3 takes (AwsCredentialIdentity). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface CompletionInput {
  /** Dataset events in proto JSON form ({dataset_uuid, dataset_version, cursor} …). */
  events?: JsonValue[];
  outputs?: { name: string; value: JsonValue }[];
  datasetsPublished?: { dataset_uuid: string; dataset_version: string; make_current?: boolean }[];
}

const MIN_HEARTBEAT_MS = 250;

export class TaskContext {
  readonly invocation: TaskInvocation;
  /**
   * The delivery this context acts as, sent on every call (CONTRACT §3: one delivery, and only
   * one, may act for an attempt). The platform runner passes its own in the invocation a bundle
   * reads; otherwise each context is a delivery of its own.
   */
  readonly deliveryId: string;
  private readonly client: Client<typeof TaskService>;
  private readonly abort = new AbortController();
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private currentLeaseExpiry: Date;
  private finished = false;
  private readonly heartbeatIntervalMs: number | undefined;
  private readonly queryClient: () => ReturnType<typeof createQueryClient>;

  /** Unknown payload fields are ignored, so a newer Dispatcher can add fields without breaking this runner. */
  constructor(payload: TaskInvocation | JsonValue, options: TaskContextOptions = {}) {
    this.invocation = isInvocation(payload) ? payload : fromJson(TaskInvocationSchema, payload, { ignoreUnknownFields: true });
    this.deliveryId = this.invocation.deliveryId || randomUUID();
    const baseUrl = options.dispatcherUrl ?? process.env.TRACE_DISPATCHER_URL;
    if (!options.transport && !baseUrl) throw new Error("dispatcherUrl not given and TRACE_DISPATCHER_URL is not set");
    const transport =
      options.transport ??
      createConnectTransport({ baseUrl: baseUrl ?? "", httpVersion: "1.1", jsonOptions: { useProtoFieldName: true } });
    this.client = createClient(TaskService, transport);
    this.currentLeaseExpiry = this.invocation.leaseExpiresAt ? timestampDate(this.invocation.leaseExpiresAt) : new Date();
    this.heartbeatIntervalMs = options.heartbeatIntervalMs;
    const queryUrl = options.queryUrl ?? process.env.TRACE_QUERY_URL ?? baseUrl;
    let queryClient: ReturnType<typeof createQueryClient> | undefined;
    this.queryClient = () => (queryClient ??= createQueryClient(queryUrl, options.queryTransport));
  }

  get taskId(): string {
    return this.invocation.taskId;
  }
  get attempt(): number {
    return this.invocation.attempt;
  }
  get operator(): string {
    return this.invocation.operator;
  }
  get leaseExpiresAt(): Date {
    return this.currentLeaseExpiry;
  }
  /** The job's configuration; integers stay integers (beyond 2^53: bigint). See config.ts. */
  get config(): ConfigObject {
    return configFrom(this.invocation.configJson, this.invocation.config as ConfigObject | undefined);
  }
  /** The attempt's capability token (a secret: scrubbed from reported errors). */
  get capabilityToken(): string {
    return this.invocation.capabilityToken;
  }
  /** The task's own parameters (CreateTask `params`), beside the job's config; {} when none. */
  get params(): JsonObject {
    return this.invocation.params ?? {};
  }
  get inputs(): DatasetEvent[] {
    return this.invocation.inputs;
  }
  /** Aborted when cancellation is requested or the lease is lost; the reason says which. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /**
   * Starts background heartbeats; called by runTask, or by hand. The timer keeps the process alive
   * until stopHeartbeats() or the task finishes: an operator may have nothing else pending while it
   * waits for `signal`, and the cancel can only arrive through a heartbeat.
   */
  startHeartbeats(): void {
    if (this.heartbeatTimer || this.finished) return;
    const schedule = () => {
      const quarter = (this.currentLeaseExpiry.getTime() - Date.now()) / 4;
      const delay = Math.max(MIN_HEARTBEAT_MS, this.heartbeatIntervalMs ?? quarter);
      this.heartbeatTimer = setTimeout(() => {
        // A failed heartbeat that is not a refusal is not fatal: the lease has slack and
        // completion is fenced anyway. A refusal or a cancel aborts the signal and ends the loop.
        void this.heartbeat()
          .catch(() => undefined)
          .then(() => {
            if (!this.finished && !this.abort.signal.aborted && this.heartbeatTimer) schedule();
          });
      }, delay);
    };
    schedule();
  }

  /** One heartbeat: renews the lease; aborts the signal on cancellation or a lost lease. */
  async heartbeat(): Promise<{ leaseExpiresAt: Date; cancelRequested: boolean }> {
    try {
      const reply = await this.client.heartbeat(this.fence(), this.callOptions());
      if (reply.leaseExpiresAt) this.currentLeaseExpiry = timestampDate(reply.leaseExpiresAt);
      if (reply.cancelRequested) this.abort.abort(new TaskCanceledError("cancellation requested", Code.FailedPrecondition, "canceled"));
      return { leaseExpiresAt: this.currentLeaseExpiry, cancelRequested: reply.cancelRequested };
    } catch (err) {
      const typed = toTaskError(err);
      if (isTerminalRefusal(typed)) this.abort.abort(typed);
      throw typed;
    }
  }

  async emitEvents(events: JsonValue[]): Promise<number> {
    const reply = await this.call(() =>
      this.client.emitEvents({ ...this.fence(), events: events.map((e) => fromJson(DatasetEventSchema, e)) }, this.callOptions()),
    );
    return reply.accepted;
  }

  async complete(result: CompletionInput = {}): Promise<CompleteResponse> {
    return this.finish(TaskStatus.COMPLETED, result, "", false);
  }

  /** `category`: the failure's type as data (error_category), e.g. the exception's class name. */
  async fail(message: string, options: { retryable?: boolean; category?: string } = {}): Promise<CompleteResponse> {
    return this.finish(TaskStatus.FAILED, {}, message, options.retryable ?? true, options.category ?? "");
  }

  async completeCanceled(): Promise<CompleteResponse> {
    return this.finish(TaskStatus.CANCELED, {}, "", false);
  }

  /** Temporary AWS credentials scoped to the token's S3 prefixes. */
  async credentials(): Promise<AwsCredentials> {
    const reply = await this.call(() => this.client.getCredentials(this.fence(), this.callOptions()));
    return {
      accessKeyId: reply.accessKeyId,
      secretAccessKey: reply.secretAccessKey,
      sessionToken: reply.sessionToken,
      expiration: reply.expiration ? timestampDate(reply.expiration) : new Date(),
    };
  }

  /** A credential provider for AWS SDK v3 clients: `new S3Client({ credentials: ctx.credentialProvider() })`. */
  credentialProvider(): () => Promise<AwsCredentials> {
    return () => this.credentials();
  }

  /**
   * Runs one SELECT over the relation `dataset` (the granted version of `options.dataset`) on the
   * Query Service, with this attempt's token. Refusals reject with the same typed errors as the
   * other calls (invalid SQL: TaskError with code invalid_argument; a blown limit: resource_exhausted).
   */
  async query<Row = QueryRow>(sql: string, options: QueryOptions): Promise<QueryResult<Row>> {
    const reply = await this.call(() =>
      this.queryClient().query(
        { taskId: this.invocation.taskId, attempt: this.invocation.attempt, dataset: options.dataset, sql, limit: options.limit ?? 0 },
        { ...this.callOptions(), ...(options.signal ? { signal: options.signal } : {}) },
      ),
    );
    return toQueryResult<Row>(reply);
  }

  stopHeartbeats(): void {
    clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  /** Dataset events in proto JSON (cursor as a string) for a cursor on a dataset version. */
  static cursorEvent(datasetUuid: string, datasetVersion: string, cursor: bigint | number | string): JsonObject {
    return { dataset_uuid: datasetUuid, dataset_version: datasetVersion, cursor: String(cursor) };
  }

  private async finish(status: TaskStatus, result: CompletionInput, errorMessage: string, retryable: boolean, errorCategory = ""): Promise<CompleteResponse> {
    this.finished = true;
    this.stopHeartbeats();
    return this.call(() =>
      this.client.complete(
        {
          ...this.fence(),
          status,
          events: (result.events ?? []).map((e) => fromJson(DatasetEventSchema, e)),
          outputs: (result.outputs ?? []).map((o) => fromJson(TaskOutputSchema, { name: o.name, value: o.value })),
          datasetsPublished: (result.datasetsPublished ?? []).map((d) => fromJson(DatasetPublishedSchema, d)),
          errorMessage,
          retryable,
          errorCategory,
        },
        this.callOptions(),
      ),
    );
  }

  private fence() {
    return { taskId: this.invocation.taskId, attempt: this.invocation.attempt, leaseToken: this.invocation.leaseToken, deliveryId: this.deliveryId };
  }

  private callOptions() {
    return { headers: { [CAPABILITY_HEADER]: this.invocation.capabilityToken } };
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toTaskError(err);
    }
  }
}

function isInvocation(payload: TaskInvocation | JsonValue): payload is TaskInvocation {
  return typeof payload === "object" && payload !== null && "$typeName" in payload;
}

