//! `TaskContext`: one attempt of one task, built from the invocation payload.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use buffa_types::google::protobuf::Timestamp;
use connectrpc::client::CallOptions;
use serde::Serialize;
use tokio::sync::watch;

use crate::client::{self, TaskServiceClient};
use crate::error::TaskError;
use crate::pb;
const MIN_HEARTBEAT: Duration = Duration::from_millis(250);
const RPC_TIMEOUT: Duration = Duration::from_secs(30);

/// The result of one heartbeat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Heartbeat {
    pub lease_expires_at: SystemTime,
    pub cancel_requested: bool,
}

/// What a successful attempt reports: dataset events, named outputs, published dataset versions.
/// Serializes as the runner's stdout result object (bundle mode).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Completion {
    pub events: Vec<pb::DatasetEvent>,
    pub outputs: Vec<pb::TaskOutput>,
    pub datasets_published: Vec<pb::DatasetPublished>,
}

impl Completion {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a cursor event `{dataset_uuid, dataset_version, cursor}`.
    pub fn cursor_event(mut self, dataset_uuid: impl Into<String>, dataset_version: impl Into<String>, cursor: u64) -> Self {
        self.events.push(cursor_event(dataset_uuid, dataset_version, cursor));
        self
    }

    pub fn event(mut self, event: pb::DatasetEvent) -> Self {
        self.events.push(event);
        self
    }

    /// Adds an output with any JSON value.
    pub fn output(mut self, name: impl Into<String>, value: serde_json::Value) -> Self {
        let value: Option<buffa_types::google::protobuf::Value> = serde_json::from_value(value).ok();
        self.outputs.push(pb::TaskOutput { name: name.into(), value: value.into(), ..Default::default() });
        self
    }
}

/// A cursor event for a dataset version.
pub fn cursor_event(dataset_uuid: impl Into<String>, dataset_version: impl Into<String>, cursor: u64) -> pb::DatasetEvent {
    pb::DatasetEvent { dataset_uuid: dataset_uuid.into(), dataset_version: dataset_version.into(), cursor: Some(cursor), ..Default::default() }
}

/// Temporary AWS credentials scoped to the token's S3 prefixes. Field for field what
/// `aws_credential_types::Credentials::new(access_key_id, secret_access_key,
/// Some(session_token), Some(expiration), "trace-dispatcher")` takes.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
    pub expiration: SystemTime,
}

// Never print secrets.
impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials").field("access_key_id", &self.access_key_id).field("expiration", &self.expiration).finish_non_exhaustive()
    }
}

/// Resolves when cancellation is requested or the lease is lost (see `TaskContext::stop_reason`).
#[derive(Clone, Debug)]
pub struct CancelSignal(watch::Receiver<bool>);

impl CancelSignal {
    pub fn is_canceled(&self) -> bool {
        *self.0.borrow()
    }

    /// Waits until canceled (forever if the context is dropped without a cancel).
    pub async fn canceled(&mut self) {
        if self.0.wait_for(|c| *c).await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

struct State {
    lease_expires_at: SystemTime,
    stop_reason: Option<TaskError>,
    finished: bool,
}

struct Inner {
    invocation: pb::TaskInvocation,
    client: TaskServiceClient,
    state: Mutex<State>,
    cancel: watch::Sender<bool>,
    heartbeat_interval: Option<Duration>,
    heartbeats: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

/// One attempt of one task. Cheap to clone (shared state). Requires a tokio runtime.
#[derive(Clone)]
pub struct TaskContext {
    inner: Arc<Inner>,
}

impl fmt::Debug for TaskContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TaskContext").field("task_id", &self.task_id()).field("attempt", &self.attempt()).finish_non_exhaustive()
    }
}

pub(crate) fn to_system_time(t: &Timestamp) -> SystemTime {
    if t.seconds >= 0 {
        UNIX_EPOCH + Duration::new(t.seconds as u64, t.nanos.max(0) as u32)
    } else {
        UNIX_EPOCH - Duration::from_secs(t.seconds.unsigned_abs())
    }
}

impl TaskContext {
    /// A context for `invocation`, calling the Dispatcher at `dispatcher_url`.
    pub fn new(mut invocation: pb::TaskInvocation, dispatcher_url: &str) -> Result<Self, TaskError> {
        // The delivery this context acts as (CONTRACT §3): the platform runner's when the payload
        // names one (a bundle under the runner), else a fresh one of its own.
        if invocation.delivery_id.is_empty() {
            invocation.delivery_id = new_delivery_id();
        }
        if invocation.task_id.is_empty() || invocation.lease_token.is_empty() || invocation.capability_token.is_empty() {
            return Err(TaskError::Invalid("invocation lacks task_id, lease_token or capability_token".into()));
        }
        Self::without_fence_check(invocation, dispatcher_url)
    }

    /// Bundle mode: the runner always sends a full invocation, but a developer testing a bundle
    /// by hand may pipe in only what the operator reads (`{"config": {...}}`), as the Python and
    /// TypeScript SDKs allow. Task-scoped calls then fail at the Dispatcher, not here.
    pub(crate) fn without_fence_check(invocation: pb::TaskInvocation, dispatcher_url: &str) -> Result<Self, TaskError> {
        let client = TaskServiceClient::new(client::transport(dispatcher_url)?, client::config(dispatcher_url, &invocation.capability_token)?);
        let lease_expires_at = invocation.lease_expires_at.as_option().map(to_system_time).unwrap_or_else(SystemTime::now);
        let (cancel, _) = watch::channel(false);
        Ok(Self {
            inner: Arc::new(Inner {
                invocation,
                client,
                state: Mutex::new(State { lease_expires_at, stop_reason: None, finished: false }),
                cancel,
                heartbeat_interval: None,
                heartbeats: Mutex::new(None),
            }),
        })
    }

    /// Parses the invocation (protobuf JSON; unknown fields ignored) and reads the Dispatcher
    /// URL from `TRACE_DISPATCHER_URL` unless given.
    pub fn from_json(payload: &str, dispatcher_url: Option<&str>) -> Result<Self, TaskError> {
        let invocation = parse_invocation(payload)?;
        let url = match dispatcher_url {
            Some(url) => url.to_string(),
            None => std::env::var("TRACE_DISPATCHER_URL").map_err(|_| TaskError::Invalid("TRACE_DISPATCHER_URL is not set".into()))?,
        };
        Self::new(invocation, &url)
    }

    /// Overrides the heartbeat period (default: a quarter of the lease). Call before heartbeats start.
    pub fn with_heartbeat_interval(self, interval: Duration) -> Self {
        let inner = Arc::try_unwrap(self.inner).unwrap_or_else(|_| panic!("with_heartbeat_interval on a shared context"));
        Self { inner: Arc::new(Inner { heartbeat_interval: Some(interval), ..inner }) }
    }

    pub fn invocation(&self) -> &pb::TaskInvocation {
        &self.inner.invocation
    }
    pub fn task_id(&self) -> &str {
        &self.inner.invocation.task_id
    }
    /// The delivery id sent on every call; a second delivery of the attempt is refused `DuplicateDelivery`.
    pub fn delivery_id(&self) -> &str {
        &self.inner.invocation.delivery_id
    }
    pub fn attempt(&self) -> u32 {
        self.inner.invocation.attempt
    }
    pub fn operator(&self) -> &str {
        &self.inner.invocation.operator
    }
    pub fn inputs(&self) -> &[pb::DatasetEvent] {
        &self.inner.invocation.inputs
    }
    /// The job's config as JSON (an object; empty when the job has none). Read from the payload's
    /// `config_json` text, so integers are integers (`as_u64()`/`as_i64()`), exact up to the
    /// 64-bit range; from an older Dispatcher (Struct only), integral doubles become integers.
    pub fn config(&self) -> serde_json::Value {
        let invocation = &self.inner.invocation;
        if !invocation.config_json.is_empty() {
            if let Ok(value @ serde_json::Value::Object(_)) = serde_json::from_str(&invocation.config_json) {
                return value;
            }
        }
        invocation.config.as_option().and_then(|c| serde_json::to_value(c).ok()).map(integral).unwrap_or_else(|| serde_json::json!({}))
    }
    /// The task's own parameters (CreateTask `params`), beside the job's config; `{}` when none.
    /// Integral numbers arrive as integers, as in `config()` from a Struct.
    pub fn params(&self) -> serde_json::Value {
        self.inner.invocation.params.as_option().and_then(|p| serde_json::to_value(p).ok()).map(integral).unwrap_or_else(|| serde_json::json!({}))
    }
    pub fn lease_expires_at(&self) -> SystemTime {
        self.inner.state.lock().unwrap().lease_expires_at
    }
    /// Why the attempt must stop, once known: `Canceled(None)` after a cancel request, or the
    /// terminal refusal (stale attempt, lease mismatch, ...) a heartbeat received.
    pub fn stop_reason(&self) -> Option<TaskError> {
        self.inner.state.lock().unwrap().stop_reason.clone()
    }
    /// A signal that fires on cancellation or a lost lease.
    pub fn cancel_signal(&self) -> CancelSignal {
        CancelSignal(self.inner.cancel.subscribe())
    }
    pub fn is_canceled(&self) -> bool {
        *self.inner.cancel.borrow()
    }

    fn stop_with(&self, reason: TaskError) {
        let mut state = self.inner.state.lock().unwrap();
        if state.stop_reason.is_none() {
            state.stop_reason = Some(reason);
        }
        drop(state);
        self.inner.cancel.send_replace(true);
    }

    fn options() -> CallOptions {
        CallOptions::default().with_timeout(RPC_TIMEOUT)
    }

    /// Renews the lease. A cancel request or a terminal refusal fires the cancel signal.
    pub async fn heartbeat(&self) -> Result<Heartbeat, TaskError> {
        let inv = &self.inner.invocation;
        let request = pb::HeartbeatRequest {
            task_id: inv.task_id.clone(),
            attempt: inv.attempt,
            lease_token: inv.lease_token.clone(),
            delivery_id: inv.delivery_id.clone(),
            ..Default::default()
        };
        match self.inner.client.heartbeat_with_options(request, Self::options()).await {
            Ok(reply) => {
                let reply = reply.into_owned();
                let mut state = self.inner.state.lock().unwrap();
                if let Some(t) = reply.lease_expires_at.as_option() {
                    state.lease_expires_at = to_system_time(t);
                }
                let beat = Heartbeat { lease_expires_at: state.lease_expires_at, cancel_requested: reply.cancel_requested };
                drop(state);
                if reply.cancel_requested {
                    self.stop_with(TaskError::Canceled(None));
                }
                Ok(beat)
            }
            Err(error) => {
                let typed = TaskError::from_connect(error);
                if typed.is_terminal_refusal() {
                    self.stop_with(typed.clone());
                }
                Err(typed)
            }
        }
    }

    fn next_heartbeat_delay(&self) -> Duration {
        if let Some(interval) = self.inner.heartbeat_interval {
            return interval.max(MIN_HEARTBEAT);
        }
        let left = self.lease_expires_at().duration_since(SystemTime::now()).unwrap_or_default();
        (left / 4).max(MIN_HEARTBEAT)
    }

    /// Starts background heartbeats (a tokio task) until the attempt finishes, is canceled or
    /// refused. Idempotent.
    pub fn start_heartbeats(&self) {
        let mut slot = self.inner.heartbeats.lock().unwrap();
        if slot.is_some() || self.inner.state.lock().unwrap().finished {
            return;
        }
        let ctx = self.clone();
        *slot = Some(tokio::spawn(async move {
            loop {
                tokio::time::sleep(ctx.next_heartbeat_delay()).await;
                // A failed heartbeat that is not a refusal is not fatal: the lease has slack and
                // completion is fenced anyway.
                let _ = ctx.heartbeat().await;
                if ctx.is_canceled() {
                    return;
                }
            }
        }));
    }

    pub fn stop_heartbeats(&self) {
        if let Some(handle) = self.inner.heartbeats.lock().unwrap().take() {
            handle.abort();
        }
    }

    /// Emits dataset events now (at-least-once; the Dispatcher deduplicates per task).
    pub async fn emit_events(&self, events: Vec<pb::DatasetEvent>) -> Result<u32, TaskError> {
        let inv = &self.inner.invocation;
        let request = pb::EmitEventsRequest {
            task_id: inv.task_id.clone(),
            attempt: inv.attempt,
            lease_token: inv.lease_token.clone(),
            events,
            delivery_id: inv.delivery_id.clone(),
            ..Default::default()
        };
        let reply = self.inner.client.emit_events_with_options(request, Self::options()).await.map_err(TaskError::from_connect)?.into_owned();
        Ok(reply.accepted)
    }

    /// Temporary AWS credentials for the token's S3 prefixes.
    pub async fn credentials(&self) -> Result<Credentials, TaskError> {
        let inv = &self.inner.invocation;
        let request = pb::GetCredentialsRequest {
            task_id: inv.task_id.clone(),
            attempt: inv.attempt,
            lease_token: inv.lease_token.clone(),
            delivery_id: inv.delivery_id.clone(),
            ..Default::default()
        };
        let reply = self.inner.client.get_credentials_with_options(request, Self::options()).await.map_err(TaskError::from_connect)?.into_owned();
        Ok(Credentials {
            access_key_id: reply.access_key_id,
            secret_access_key: reply.secret_access_key,
            session_token: reply.session_token,
            expiration: reply.expiration.as_option().map(to_system_time).unwrap_or(UNIX_EPOCH),
        })
    }

    /// Completes the attempt. Returns `duplicate` (true when this exact completion was already recorded).
    pub async fn complete(&self, completion: Completion) -> Result<bool, TaskError> {
        self.finish(pb::TaskStatus::TASK_STATUS_COMPLETED, completion, String::new(), false, String::new()).await
    }

    pub async fn fail(&self, message: impl Into<String>, retryable: bool) -> Result<bool, TaskError> {
        self.finish(pb::TaskStatus::TASK_STATUS_FAILED, Completion::default(), message.into(), retryable, String::new()).await
    }

    /// Fails the attempt with the failure's type as data (`error_category`), e.g. an error's type name.
    pub async fn fail_with_category(&self, category: impl Into<String>, message: impl Into<String>, retryable: bool) -> Result<bool, TaskError> {
        self.finish(pb::TaskStatus::TASK_STATUS_FAILED, Completion::default(), message.into(), retryable, category.into()).await
    }

    pub async fn complete_canceled(&self) -> Result<bool, TaskError> {
        self.finish(pb::TaskStatus::TASK_STATUS_CANCELED, Completion::default(), String::new(), false, String::new()).await
    }

    async fn finish(&self, status: pb::TaskStatus, completion: Completion, error_message: String, retryable: bool, error_category: String) -> Result<bool, TaskError> {
        self.inner.state.lock().unwrap().finished = true;
        self.stop_heartbeats();
        let inv = &self.inner.invocation;
        let request = pb::CompleteRequest {
            task_id: inv.task_id.clone(),
            attempt: inv.attempt,
            lease_token: inv.lease_token.clone(),
            status: status.into(),
            events: completion.events,
            outputs: completion.outputs,
            datasets_published: completion.datasets_published,
            error_message,
            retryable,
            error_category,
            delivery_id: inv.delivery_id.clone(),
            ..Default::default()
        };
        let reply = self.inner.client.complete_with_options(request, Self::options()).await.map_err(TaskError::from_connect)?.into_owned();
        Ok(reply.duplicate)
    }
}

/// Parses an invocation payload: proto3 JSON, unknown fields ignored. A payload that is not a JSON
/// object is refused here: serde's derived impls (buffa's) would read an array positionally.
pub(crate) fn parse_invocation(payload: &str) -> Result<pb::TaskInvocation, TaskError> {
    if !payload.trim_start().starts_with('{') {
        return Err(TaskError::Invalid("invocation: not a JSON object".into()));
    }
    serde_json::from_str(payload).map_err(|e| TaskError::Invalid(format!("invocation: {e}")))
}

/// A Struct's doubles back to integers where they are integral and fit 64 bits.
fn integral(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f >= i64::MIN as f64 && f < i64::MAX as f64 => Value::from(f as i64),
            Some(f) if f.fract() == 0.0 && f >= 0.0 && f < u64::MAX as f64 => Value::from(f as u64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(integral).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, integral(v))).collect()),
        other => other,
    }
}

/// A random (version 4) UUID. The randomness is std's: every `RandomState` carries SipHash keys
/// seeded from the operating system (per thread, then stepped per instance), so hashing through
/// two fresh instances gives 128 unpredictable bits without another crate.
fn new_delivery_id() -> String {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let word = |salt: u8| {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u8(salt);
        hasher.write_u128(nanos);
        hasher.finish().to_be_bytes()
    };
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&word(1));
    bytes[8..].copy_from_slice(&word(2));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut id = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            id.push('-');
        }
        id.push_str(&format!("{b:02x}"));
    }
    id
}

#[cfg(test)]
mod delivery_id_tests {
    #[test]
    fn delivery_ids_are_distinct_v4_uuids() {
        let a = super::new_delivery_id();
        let b = super::new_delivery_id();
        assert_ne!(a, b);
        for id in [&a, &b] {
            assert_eq!(id.len(), 36);
            assert_eq!(&id[14..15], "4");
            assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"));
            assert!(id.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
        }
    }
}
