import datetime

from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from trace_dispatcher_proto.trace.dispatcher.v1 import options_pb2 as _options_pb2
from trace_dispatcher_proto.trace.dispatcher.v1 import payload_pb2 as _payload_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Runtime(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RUNTIME_UNSPECIFIED: _ClassVar[Runtime]
    RUNTIME_LAMBDA: _ClassVar[Runtime]
    RUNTIME_WORKER: _ClassVar[Runtime]
RUNTIME_UNSPECIFIED: Runtime
RUNTIME_LAMBDA: Runtime
RUNTIME_WORKER: Runtime

class S3Grants(_message.Message):
    __slots__ = ("read_prefixes", "write_prefixes")
    READ_PREFIXES_FIELD_NUMBER: _ClassVar[int]
    WRITE_PREFIXES_FIELD_NUMBER: _ClassVar[int]
    read_prefixes: _containers.RepeatedScalarFieldContainer[str]
    write_prefixes: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, read_prefixes: _Optional[_Iterable[str]] = ..., write_prefixes: _Optional[_Iterable[str]] = ...) -> None: ...

class DatasetGrant(_message.Message):
    __slots__ = ("dataset_uuid", "dataset_version", "storage_ref")
    DATASET_UUID_FIELD_NUMBER: _ClassVar[int]
    DATASET_VERSION_FIELD_NUMBER: _ClassVar[int]
    STORAGE_REF_FIELD_NUMBER: _ClassVar[int]
    dataset_uuid: str
    dataset_version: str
    storage_ref: str
    def __init__(self, dataset_uuid: _Optional[str] = ..., dataset_version: _Optional[str] = ..., storage_ref: _Optional[str] = ...) -> None: ...

class JobInput(_message.Message):
    __slots__ = ("dataset_uuid", "all_versions")
    DATASET_UUID_FIELD_NUMBER: _ClassVar[int]
    ALL_VERSIONS_FIELD_NUMBER: _ClassVar[int]
    dataset_uuid: str
    all_versions: bool
    def __init__(self, dataset_uuid: _Optional[str] = ..., all_versions: bool = ...) -> None: ...

class Job(_message.Message):
    __slots__ = ("job_id", "dag_name", "name", "runtime", "operator", "bundle_sha256", "config", "max_attempts", "timeout_seconds", "lease_ttl_seconds", "max_concurrency", "retry_base_seconds", "retry_max_seconds", "inputs", "datasets", "s3", "org_id", "paused", "config_json")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    DAG_NAME_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    RUNTIME_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_FIELD_NUMBER: _ClassVar[int]
    BUNDLE_SHA256_FIELD_NUMBER: _ClassVar[int]
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    MAX_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_SECONDS_FIELD_NUMBER: _ClassVar[int]
    LEASE_TTL_SECONDS_FIELD_NUMBER: _ClassVar[int]
    MAX_CONCURRENCY_FIELD_NUMBER: _ClassVar[int]
    RETRY_BASE_SECONDS_FIELD_NUMBER: _ClassVar[int]
    RETRY_MAX_SECONDS_FIELD_NUMBER: _ClassVar[int]
    INPUTS_FIELD_NUMBER: _ClassVar[int]
    DATASETS_FIELD_NUMBER: _ClassVar[int]
    S3_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    PAUSED_FIELD_NUMBER: _ClassVar[int]
    CONFIG_JSON_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    dag_name: str
    name: str
    runtime: Runtime
    operator: str
    bundle_sha256: str
    config: _struct_pb2.Struct
    max_attempts: int
    timeout_seconds: int
    lease_ttl_seconds: int
    max_concurrency: int
    retry_base_seconds: int
    retry_max_seconds: int
    inputs: _containers.RepeatedCompositeFieldContainer[JobInput]
    datasets: _containers.RepeatedCompositeFieldContainer[DatasetGrant]
    s3: S3Grants
    org_id: str
    paused: bool
    config_json: str
    def __init__(self, job_id: _Optional[str] = ..., dag_name: _Optional[str] = ..., name: _Optional[str] = ..., runtime: _Optional[_Union[Runtime, str]] = ..., operator: _Optional[str] = ..., bundle_sha256: _Optional[str] = ..., config: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., max_attempts: _Optional[int] = ..., timeout_seconds: _Optional[int] = ..., lease_ttl_seconds: _Optional[int] = ..., max_concurrency: _Optional[int] = ..., retry_base_seconds: _Optional[int] = ..., retry_max_seconds: _Optional[int] = ..., inputs: _Optional[_Iterable[_Union[JobInput, _Mapping]]] = ..., datasets: _Optional[_Iterable[_Union[DatasetGrant, _Mapping]]] = ..., s3: _Optional[_Union[S3Grants, _Mapping]] = ..., org_id: _Optional[str] = ..., paused: bool = ..., config_json: _Optional[str] = ...) -> None: ...

class Bundle(_message.Message):
    __slots__ = ("sha256", "storage_uri", "size_bytes", "runtime", "created_at")
    SHA256_FIELD_NUMBER: _ClassVar[int]
    STORAGE_URI_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    RUNTIME_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    sha256: str
    storage_uri: str
    size_bytes: int
    runtime: str
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, sha256: _Optional[str] = ..., storage_uri: _Optional[str] = ..., size_bytes: _Optional[int] = ..., runtime: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Attempt(_message.Message):
    __slots__ = ("attempt", "worker_id", "started_at", "ended_at", "outcome", "error", "error_category", "retryable", "delivery_id", "duration_ms")
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    WORKER_ID_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    ENDED_AT_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    ERROR_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    RETRYABLE_FIELD_NUMBER: _ClassVar[int]
    DELIVERY_ID_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    attempt: int
    worker_id: str
    started_at: _timestamp_pb2.Timestamp
    ended_at: _timestamp_pb2.Timestamp
    outcome: str
    error: str
    error_category: str
    retryable: bool
    delivery_id: str
    duration_ms: int
    def __init__(self, attempt: _Optional[int] = ..., worker_id: _Optional[str] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ended_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., outcome: _Optional[str] = ..., error: _Optional[str] = ..., error_category: _Optional[str] = ..., retryable: bool = ..., delivery_id: _Optional[str] = ..., duration_ms: _Optional[int] = ...) -> None: ...

class Task(_message.Message):
    __slots__ = ("task_id", "job_id", "job", "state", "attempt", "max_attempts", "dedupe_key", "inputs", "lease_expires_at", "cancel_requested", "next_retry_at", "last_error", "created_at", "updated_at", "params", "cancel_reason")
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    JOB_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    MAX_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    DEDUPE_KEY_FIELD_NUMBER: _ClassVar[int]
    INPUTS_FIELD_NUMBER: _ClassVar[int]
    LEASE_EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    CANCEL_REQUESTED_FIELD_NUMBER: _ClassVar[int]
    NEXT_RETRY_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    PARAMS_FIELD_NUMBER: _ClassVar[int]
    CANCEL_REASON_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    job_id: str
    job: _payload_pb2.JobRef
    state: _payload_pb2.TaskState
    attempt: int
    max_attempts: int
    dedupe_key: str
    inputs: _containers.RepeatedCompositeFieldContainer[_payload_pb2.DatasetEvent]
    lease_expires_at: _timestamp_pb2.Timestamp
    cancel_requested: bool
    next_retry_at: _timestamp_pb2.Timestamp
    last_error: str
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    params: _struct_pb2.Struct
    cancel_reason: str
    def __init__(self, task_id: _Optional[str] = ..., job_id: _Optional[str] = ..., job: _Optional[_Union[_payload_pb2.JobRef, _Mapping]] = ..., state: _Optional[_Union[_payload_pb2.TaskState, str]] = ..., attempt: _Optional[int] = ..., max_attempts: _Optional[int] = ..., dedupe_key: _Optional[str] = ..., inputs: _Optional[_Iterable[_Union[_payload_pb2.DatasetEvent, _Mapping]]] = ..., lease_expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., cancel_requested: bool = ..., next_retry_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_error: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., params: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., cancel_reason: _Optional[str] = ...) -> None: ...

class OutboxRow(_message.Message):
    __slots__ = ("id", "kind", "task_id", "attempt", "status", "tries", "last_error", "created_at", "next_attempt_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TRIES_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    NEXT_ATTEMPT_AT_FIELD_NUMBER: _ClassVar[int]
    id: int
    kind: str
    task_id: str
    attempt: int
    status: str
    tries: int
    last_error: str
    created_at: _timestamp_pb2.Timestamp
    next_attempt_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[int] = ..., kind: _Optional[str] = ..., task_id: _Optional[str] = ..., attempt: _Optional[int] = ..., status: _Optional[str] = ..., tries: _Optional[int] = ..., last_error: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., next_attempt_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RegisterJobRequest(_message.Message):
    __slots__ = ("job",)
    JOB_FIELD_NUMBER: _ClassVar[int]
    job: Job
    def __init__(self, job: _Optional[_Union[Job, _Mapping]] = ...) -> None: ...

class RegisterJobResponse(_message.Message):
    __slots__ = ("job", "created")
    JOB_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    job: Job
    created: bool
    def __init__(self, job: _Optional[_Union[Job, _Mapping]] = ..., created: bool = ...) -> None: ...

class RegisterBundleRequest(_message.Message):
    __slots__ = ("bundle",)
    BUNDLE_FIELD_NUMBER: _ClassVar[int]
    bundle: Bundle
    def __init__(self, bundle: _Optional[_Union[Bundle, _Mapping]] = ...) -> None: ...

class RegisterBundleResponse(_message.Message):
    __slots__ = ("bundle", "created")
    BUNDLE_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    bundle: Bundle
    created: bool
    def __init__(self, bundle: _Optional[_Union[Bundle, _Mapping]] = ..., created: bool = ...) -> None: ...

class CreateTaskRequest(_message.Message):
    __slots__ = ("job_id", "job", "dedupe_key", "inputs", "params")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    JOB_FIELD_NUMBER: _ClassVar[int]
    DEDUPE_KEY_FIELD_NUMBER: _ClassVar[int]
    INPUTS_FIELD_NUMBER: _ClassVar[int]
    PARAMS_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    job: _payload_pb2.JobRef
    dedupe_key: str
    inputs: _containers.RepeatedCompositeFieldContainer[_payload_pb2.DatasetEvent]
    params: _struct_pb2.Struct
    def __init__(self, job_id: _Optional[str] = ..., job: _Optional[_Union[_payload_pb2.JobRef, _Mapping]] = ..., dedupe_key: _Optional[str] = ..., inputs: _Optional[_Iterable[_Union[_payload_pb2.DatasetEvent, _Mapping]]] = ..., params: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class CreateTaskResponse(_message.Message):
    __slots__ = ("task", "created")
    TASK_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    task: Task
    created: bool
    def __init__(self, task: _Optional[_Union[Task, _Mapping]] = ..., created: bool = ...) -> None: ...

class GetTaskRequest(_message.Message):
    __slots__ = ("task_id",)
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    def __init__(self, task_id: _Optional[str] = ...) -> None: ...

class GetTaskResponse(_message.Message):
    __slots__ = ("task", "attempts", "outputs", "events", "buffer_publishes", "wakeups", "retries", "outbox")
    TASK_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    OUTPUTS_FIELD_NUMBER: _ClassVar[int]
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    BUFFER_PUBLISHES_FIELD_NUMBER: _ClassVar[int]
    WAKEUPS_FIELD_NUMBER: _ClassVar[int]
    RETRIES_FIELD_NUMBER: _ClassVar[int]
    OUTBOX_FIELD_NUMBER: _ClassVar[int]
    task: Task
    attempts: _containers.RepeatedCompositeFieldContainer[Attempt]
    outputs: _containers.RepeatedCompositeFieldContainer[RecordedOutput]
    events: _containers.RepeatedCompositeFieldContainer[EmittedEvent]
    buffer_publishes: _containers.RepeatedCompositeFieldContainer[RecordedBufferPublish]
    wakeups: _containers.RepeatedCompositeFieldContainer[QueuedWakeup]
    retries: _containers.RepeatedCompositeFieldContainer[ManualRetry]
    outbox: _containers.RepeatedCompositeFieldContainer[OutboxRow]
    def __init__(self, task: _Optional[_Union[Task, _Mapping]] = ..., attempts: _Optional[_Iterable[_Union[Attempt, _Mapping]]] = ..., outputs: _Optional[_Iterable[_Union[RecordedOutput, _Mapping]]] = ..., events: _Optional[_Iterable[_Union[EmittedEvent, _Mapping]]] = ..., buffer_publishes: _Optional[_Iterable[_Union[RecordedBufferPublish, _Mapping]]] = ..., wakeups: _Optional[_Iterable[_Union[QueuedWakeup, _Mapping]]] = ..., retries: _Optional[_Iterable[_Union[ManualRetry, _Mapping]]] = ..., outbox: _Optional[_Iterable[_Union[OutboxRow, _Mapping]]] = ...) -> None: ...

class RecordedOutput(_message.Message):
    __slots__ = ("attempt", "name", "value")
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    attempt: int
    name: str
    value: _struct_pb2.Value
    def __init__(self, attempt: _Optional[int] = ..., name: _Optional[str] = ..., value: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ...) -> None: ...

class EmittedEvent(_message.Message):
    __slots__ = ("attempt", "event", "routed_task_ids", "created_at")
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    ROUTED_TASK_IDS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    attempt: int
    event: _payload_pb2.DatasetEvent
    routed_task_ids: _containers.RepeatedScalarFieldContainer[str]
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, attempt: _Optional[int] = ..., event: _Optional[_Union[_payload_pb2.DatasetEvent, _Mapping]] = ..., routed_task_ids: _Optional[_Iterable[str]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RecordedBufferPublish(_message.Message):
    __slots__ = ("attempt", "batch_uri", "content_type", "batch_size_bytes", "dedupe_scope", "created_at")
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    BATCH_URI_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    BATCH_SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    DEDUPE_SCOPE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    attempt: int
    batch_uri: str
    content_type: str
    batch_size_bytes: int
    dedupe_scope: str
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, attempt: _Optional[int] = ..., batch_uri: _Optional[str] = ..., content_type: _Optional[str] = ..., batch_size_bytes: _Optional[int] = ..., dedupe_scope: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class QueuedWakeup(_message.Message):
    __slots__ = ("attempt", "visible_at", "receives", "created_at")
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    VISIBLE_AT_FIELD_NUMBER: _ClassVar[int]
    RECEIVES_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    attempt: int
    visible_at: _timestamp_pb2.Timestamp
    receives: int
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, attempt: _Optional[int] = ..., visible_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., receives: _Optional[int] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ManualRetry(_message.Message):
    __slots__ = ("attempt", "requested_by", "reason", "previous_state", "created_at")
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_STATE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    attempt: int
    requested_by: str
    reason: str
    previous_state: str
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, attempt: _Optional[int] = ..., requested_by: _Optional[str] = ..., reason: _Optional[str] = ..., previous_state: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListTasksRequest(_message.Message):
    __slots__ = ("job_id", "states", "page_size", "page_token", "dag_name", "job_name", "created_after", "created_before", "has_error")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    STATES_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    DAG_NAME_FIELD_NUMBER: _ClassVar[int]
    JOB_NAME_FIELD_NUMBER: _ClassVar[int]
    CREATED_AFTER_FIELD_NUMBER: _ClassVar[int]
    CREATED_BEFORE_FIELD_NUMBER: _ClassVar[int]
    HAS_ERROR_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    states: _containers.RepeatedScalarFieldContainer[_payload_pb2.TaskState]
    page_size: int
    page_token: str
    dag_name: str
    job_name: str
    created_after: str
    created_before: str
    has_error: bool
    def __init__(self, job_id: _Optional[str] = ..., states: _Optional[_Iterable[_Union[_payload_pb2.TaskState, str]]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., dag_name: _Optional[str] = ..., job_name: _Optional[str] = ..., created_after: _Optional[str] = ..., created_before: _Optional[str] = ..., has_error: bool = ...) -> None: ...

class ListTasksResponse(_message.Message):
    __slots__ = ("tasks", "next_page_token")
    TASKS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tasks: _containers.RepeatedCompositeFieldContainer[Task]
    next_page_token: str
    def __init__(self, tasks: _Optional[_Iterable[_Union[Task, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CancelTaskRequest(_message.Message):
    __slots__ = ("task_id", "reason")
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    reason: str
    def __init__(self, task_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class CancelTaskResponse(_message.Message):
    __slots__ = ("task",)
    TASK_FIELD_NUMBER: _ClassVar[int]
    task: Task
    def __init__(self, task: _Optional[_Union[Task, _Mapping]] = ...) -> None: ...

class ListFailedOutboxRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListFailedOutboxResponse(_message.Message):
    __slots__ = ("rows", "next_page_token")
    ROWS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedCompositeFieldContainer[OutboxRow]
    next_page_token: str
    def __init__(self, rows: _Optional[_Iterable[_Union[OutboxRow, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ReplayOutboxRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    def __init__(self, id: _Optional[int] = ...) -> None: ...

class ReplayOutboxResponse(_message.Message):
    __slots__ = ("row",)
    ROW_FIELD_NUMBER: _ClassVar[int]
    row: OutboxRow
    def __init__(self, row: _Optional[_Union[OutboxRow, _Mapping]] = ...) -> None: ...

class ListJobsRequest(_message.Message):
    __slots__ = ("dag_name", "name", "org_id", "page_size", "page_token")
    DAG_NAME_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    dag_name: str
    name: str
    org_id: str
    page_size: int
    page_token: str
    def __init__(self, dag_name: _Optional[str] = ..., name: _Optional[str] = ..., org_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListJobsResponse(_message.Message):
    __slots__ = ("jobs", "next_page_token")
    JOBS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    jobs: _containers.RepeatedCompositeFieldContainer[Job]
    next_page_token: str
    def __init__(self, jobs: _Optional[_Iterable[_Union[Job, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetJobRequest(_message.Message):
    __slots__ = ("job_id", "dag_name", "name")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    DAG_NAME_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    dag_name: str
    name: str
    def __init__(self, job_id: _Optional[str] = ..., dag_name: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class TaskCounts(_message.Message):
    __slots__ = ("queued", "running", "completed", "failed", "canceled")
    QUEUED_FIELD_NUMBER: _ClassVar[int]
    RUNNING_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    CANCELED_FIELD_NUMBER: _ClassVar[int]
    queued: int
    running: int
    completed: int
    failed: int
    canceled: int
    def __init__(self, queued: _Optional[int] = ..., running: _Optional[int] = ..., completed: _Optional[int] = ..., failed: _Optional[int] = ..., canceled: _Optional[int] = ...) -> None: ...

class GetJobResponse(_message.Message):
    __slots__ = ("job", "task_counts")
    JOB_FIELD_NUMBER: _ClassVar[int]
    TASK_COUNTS_FIELD_NUMBER: _ClassVar[int]
    job: Job
    task_counts: TaskCounts
    def __init__(self, job: _Optional[_Union[Job, _Mapping]] = ..., task_counts: _Optional[_Union[TaskCounts, _Mapping]] = ...) -> None: ...

class UpdateJobRequest(_message.Message):
    __slots__ = ("job_id", "dag_name", "name", "bundle_sha256", "config", "max_attempts", "timeout_seconds", "lease_ttl_seconds", "max_concurrency", "retry_base_seconds", "retry_max_seconds", "operator")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    DAG_NAME_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    BUNDLE_SHA256_FIELD_NUMBER: _ClassVar[int]
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    MAX_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_SECONDS_FIELD_NUMBER: _ClassVar[int]
    LEASE_TTL_SECONDS_FIELD_NUMBER: _ClassVar[int]
    MAX_CONCURRENCY_FIELD_NUMBER: _ClassVar[int]
    RETRY_BASE_SECONDS_FIELD_NUMBER: _ClassVar[int]
    RETRY_MAX_SECONDS_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    dag_name: str
    name: str
    bundle_sha256: str
    config: _struct_pb2.Struct
    max_attempts: int
    timeout_seconds: int
    lease_ttl_seconds: int
    max_concurrency: int
    retry_base_seconds: int
    retry_max_seconds: int
    operator: str
    def __init__(self, job_id: _Optional[str] = ..., dag_name: _Optional[str] = ..., name: _Optional[str] = ..., bundle_sha256: _Optional[str] = ..., config: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., max_attempts: _Optional[int] = ..., timeout_seconds: _Optional[int] = ..., lease_ttl_seconds: _Optional[int] = ..., max_concurrency: _Optional[int] = ..., retry_base_seconds: _Optional[int] = ..., retry_max_seconds: _Optional[int] = ..., operator: _Optional[str] = ...) -> None: ...

class UpdateJobResponse(_message.Message):
    __slots__ = ("job",)
    JOB_FIELD_NUMBER: _ClassVar[int]
    job: Job
    def __init__(self, job: _Optional[_Union[Job, _Mapping]] = ...) -> None: ...

class PauseJobRequest(_message.Message):
    __slots__ = ("job_id", "dag_name", "name")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    DAG_NAME_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    dag_name: str
    name: str
    def __init__(self, job_id: _Optional[str] = ..., dag_name: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class PauseJobResponse(_message.Message):
    __slots__ = ("job",)
    JOB_FIELD_NUMBER: _ClassVar[int]
    job: Job
    def __init__(self, job: _Optional[_Union[Job, _Mapping]] = ...) -> None: ...

class ResumeJobRequest(_message.Message):
    __slots__ = ("job_id", "dag_name", "name")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    DAG_NAME_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    dag_name: str
    name: str
    def __init__(self, job_id: _Optional[str] = ..., dag_name: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class ResumeJobResponse(_message.Message):
    __slots__ = ("job",)
    JOB_FIELD_NUMBER: _ClassVar[int]
    job: Job
    def __init__(self, job: _Optional[_Union[Job, _Mapping]] = ...) -> None: ...

class ListBundlesRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListBundlesResponse(_message.Message):
    __slots__ = ("bundles", "next_page_token")
    BUNDLES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    bundles: _containers.RepeatedCompositeFieldContainer[Bundle]
    next_page_token: str
    def __init__(self, bundles: _Optional[_Iterable[_Union[Bundle, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class RetryTaskRequest(_message.Message):
    __slots__ = ("task_id", "requested_by", "reason")
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    requested_by: str
    reason: str
    def __init__(self, task_id: _Optional[str] = ..., requested_by: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RetryTaskResponse(_message.Message):
    __slots__ = ("task",)
    TASK_FIELD_NUMBER: _ClassVar[int]
    task: Task
    def __init__(self, task: _Optional[_Union[Task, _Mapping]] = ...) -> None: ...

class ListOutboxRequest(_message.Message):
    __slots__ = ("kind", "statuses", "task_id", "page_size", "page_token")
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    kind: str
    statuses: _containers.RepeatedScalarFieldContainer[str]
    task_id: str
    page_size: int
    page_token: str
    def __init__(self, kind: _Optional[str] = ..., statuses: _Optional[_Iterable[str]] = ..., task_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListOutboxResponse(_message.Message):
    __slots__ = ("rows", "next_page_token")
    ROWS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedCompositeFieldContainer[OutboxRow]
    next_page_token: str
    def __init__(self, rows: _Optional[_Iterable[_Union[OutboxRow, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListDatasetsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListDatasetsResponse(_message.Message):
    __slots__ = ("datasets", "next_page_token")
    DATASETS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    datasets: _containers.RepeatedCompositeFieldContainer[Dataset]
    next_page_token: str
    def __init__(self, datasets: _Optional[_Iterable[_Union[Dataset, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class Dataset(_message.Message):
    __slots__ = ("dataset_uuid", "current_version", "current_since", "versions", "consumers")
    DATASET_UUID_FIELD_NUMBER: _ClassVar[int]
    CURRENT_VERSION_FIELD_NUMBER: _ClassVar[int]
    CURRENT_SINCE_FIELD_NUMBER: _ClassVar[int]
    VERSIONS_FIELD_NUMBER: _ClassVar[int]
    CONSUMERS_FIELD_NUMBER: _ClassVar[int]
    dataset_uuid: str
    current_version: str
    current_since: _timestamp_pb2.Timestamp
    versions: _containers.RepeatedCompositeFieldContainer[PublishedVersion]
    consumers: _containers.RepeatedCompositeFieldContainer[DatasetConsumer]
    def __init__(self, dataset_uuid: _Optional[str] = ..., current_version: _Optional[str] = ..., current_since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., versions: _Optional[_Iterable[_Union[PublishedVersion, _Mapping]]] = ..., consumers: _Optional[_Iterable[_Union[DatasetConsumer, _Mapping]]] = ...) -> None: ...

class DatasetConsumer(_message.Message):
    __slots__ = ("job_id", "job", "all_versions")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    JOB_FIELD_NUMBER: _ClassVar[int]
    ALL_VERSIONS_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    job: _payload_pb2.JobRef
    all_versions: bool
    def __init__(self, job_id: _Optional[str] = ..., job: _Optional[_Union[_payload_pb2.JobRef, _Mapping]] = ..., all_versions: bool = ...) -> None: ...

class PublishedVersion(_message.Message):
    __slots__ = ("dataset_version", "task_id", "attempt", "make_current", "created_at")
    DATASET_VERSION_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    MAKE_CURRENT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    dataset_version: str
    task_id: str
    attempt: int
    make_current: bool
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, dataset_version: _Optional[str] = ..., task_id: _Optional[str] = ..., attempt: _Optional[int] = ..., make_current: bool = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetThroughputRequest(_message.Message):
    __slots__ = ("minutes",)
    MINUTES_FIELD_NUMBER: _ClassVar[int]
    minutes: int
    def __init__(self, minutes: _Optional[int] = ...) -> None: ...

class GetThroughputResponse(_message.Message):
    __slots__ = ("buckets",)
    BUCKETS_FIELD_NUMBER: _ClassVar[int]
    buckets: _containers.RepeatedCompositeFieldContainer[ThroughputBucket]
    def __init__(self, buckets: _Optional[_Iterable[_Union[ThroughputBucket, _Mapping]]] = ...) -> None: ...

class ThroughputBucket(_message.Message):
    __slots__ = ("minute", "completed", "failed", "other")
    MINUTE_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    OTHER_FIELD_NUMBER: _ClassVar[int]
    minute: _timestamp_pb2.Timestamp
    completed: int
    failed: int
    other: int
    def __init__(self, minute: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., completed: _Optional[int] = ..., failed: _Optional[int] = ..., other: _Optional[int] = ...) -> None: ...
