// The task lifecycle engine (CONTRACT §2-§4). Every operation is one transaction or one
// statement over a LifecycleContext and returns an explicit result.
export * from "./types.js";
export { createLifecycleContext } from "./context.js";
export { eventFromJson, eventToJson, isUuid, validateEvent, retryDelayMs, type StoredEvent } from "./rows.js";
export * from "./jobs.js";
export * from "./tasks.js";
export * from "./acquire.js";
export * from "./fenced.js";
export { isDeliveryId } from "./deliveries.js";
export * from "./batcher.js";
export * from "./reaper.js";
export * from "./release.js";
export * from "./route.js";
export * from "./outbox.js";
export * from "./invocation.js";
export * from "./queues.js";
export { DISPATCHER_CATEGORIES } from "./attempt-error.js";
export * from "./payload-size.js";
export * from "./job-rules.js";
export * from "./update-job.js";
export * from "./pause-job.js";
export * from "./list-jobs.js";
export * from "./job-task-counts.js";
export * from "./list-bundles.js";
export * from "./list-outbox.js";
export * from "./retry-task.js";
export * from "./task-view.js";
