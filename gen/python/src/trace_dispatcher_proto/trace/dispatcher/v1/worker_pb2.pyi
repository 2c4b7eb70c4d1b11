import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from trace_dispatcher_proto.trace.dispatcher.v1 import options_pb2 as _options_pb2
from trace_dispatcher_proto.trace.dispatcher.v1 import payload_pb2 as _payload_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ClaimRejection(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CLAIM_REJECTION_UNSPECIFIED: _ClassVar[ClaimRejection]
    CLAIM_REJECTION_ALREADY_RUNNING: _ClassVar[ClaimRejection]
    CLAIM_REJECTION_COMPLETED: _ClassVar[ClaimRejection]
    CLAIM_REJECTION_CANCELED: _ClassVar[ClaimRejection]
    CLAIM_REJECTION_NOT_FOUND: _ClassVar[ClaimRejection]
    CLAIM_REJECTION_CONCURRENCY_LIMIT: _ClassVar[ClaimRejection]
    CLAIM_REJECTION_RETRY_PENDING: _ClassVar[ClaimRejection]
    CLAIM_REJECTION_JOB_PAUSED: _ClassVar[ClaimRejection]
CLAIM_REJECTION_UNSPECIFIED: ClaimRejection
CLAIM_REJECTION_ALREADY_RUNNING: ClaimRejection
CLAIM_REJECTION_COMPLETED: ClaimRejection
CLAIM_REJECTION_CANCELED: ClaimRejection
CLAIM_REJECTION_NOT_FOUND: ClaimRejection
CLAIM_REJECTION_CONCURRENCY_LIMIT: ClaimRejection
CLAIM_REJECTION_RETRY_PENDING: ClaimRejection
CLAIM_REJECTION_JOB_PAUSED: ClaimRejection

class ClaimTaskRequest(_message.Message):
    __slots__ = ("task_id", "worker_id")
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    WORKER_ID_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    worker_id: str
    def __init__(self, task_id: _Optional[str] = ..., worker_id: _Optional[str] = ...) -> None: ...

class ClaimTaskResponse(_message.Message):
    __slots__ = ("claimed", "reason", "attempt", "lease_token", "lease_expires_at", "capability_token", "task", "next_retry_at")
    CLAIMED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    LEASE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    LEASE_EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    CAPABILITY_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TASK_FIELD_NUMBER: _ClassVar[int]
    NEXT_RETRY_AT_FIELD_NUMBER: _ClassVar[int]
    claimed: bool
    reason: ClaimRejection
    attempt: int
    lease_token: str
    lease_expires_at: _timestamp_pb2.Timestamp
    capability_token: str
    task: _payload_pb2.TaskInvocation
    next_retry_at: _timestamp_pb2.Timestamp
    def __init__(self, claimed: bool = ..., reason: _Optional[_Union[ClaimRejection, str]] = ..., attempt: _Optional[int] = ..., lease_token: _Optional[str] = ..., lease_expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., capability_token: _Optional[str] = ..., task: _Optional[_Union[_payload_pb2.TaskInvocation, _Mapping]] = ..., next_retry_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class FetchTaskRequest(_message.Message):
    __slots__ = ("task_id",)
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    def __init__(self, task_id: _Optional[str] = ...) -> None: ...

class FetchTaskResponse(_message.Message):
    __slots__ = ("state", "task")
    STATE_FIELD_NUMBER: _ClassVar[int]
    TASK_FIELD_NUMBER: _ClassVar[int]
    state: _payload_pb2.TaskState
    task: _payload_pb2.TaskInvocation
    def __init__(self, state: _Optional[_Union[_payload_pb2.TaskState, str]] = ..., task: _Optional[_Union[_payload_pb2.TaskInvocation, _Mapping]] = ...) -> None: ...
