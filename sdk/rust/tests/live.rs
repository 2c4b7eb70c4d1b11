//! The SDK against a REAL Dispatcher process (scripts/dev/test-dispatcher.mjs: `serve` on a fresh
//! Postgres database when TEST_DATABASE_URL is set, required in CI; PGlite otherwise; moto for
//! STS). Tasks are created through the admin API and claimed through the worker API; the claimed
//! `task` is the invocation payload. Heartbeat, events, complete (and its duplicate), credentials,
//! cancellation and the stale-attempt refusal go through the SDK.

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime};

mod support;

use trace_dispatcher_sdk::pb;
use trace_dispatcher_sdk::{cursor_event, run_task, Completion, OperatorError, Outcome, TaskContext, TaskError};

const BUNDLE_SHA: &str = "7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e";

struct Launched {
    url: String,
    admin_token: String,
    worker_token: String,
    credentials: bool,
    // Held open for the whole test binary: when the process exits the pipe closes and the
    // launcher stops the Dispatcher and drops its database.
    _stdin: Mutex<ChildStdin>,
    _child: Mutex<Child>,
}

fn launched() -> &'static Launched {
    static LAUNCHED: OnceLock<Launched> = OnceLock::new();
    LAUNCHED.get_or_init(|| {
        if std::env::var_os("CI").is_some() && std::env::var_os("TEST_DATABASE_URL").is_none() {
            panic!("TEST_DATABASE_URL must be set when CI is set (live SDK tests run on real Postgres)");
        }
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        // The project's Node 24 (npm ci puts it in node_modules/.bin), not whatever `node` is on PATH.
        let project_node = std::path::Path::new(root).join("node_modules/.bin/node");
        let node = if project_node.exists() { project_node } else { "node".into() };
        let mut child = Command::new(node)
            .arg("scripts/dev/test-dispatcher.mjs")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start scripts/dev/test-dispatcher.mjs");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let info: serde_json::Value = serde_json::from_str(&line).unwrap_or_else(|_| panic!("launcher did not start: {line:?}"));
        let text = |k: &str| info[k].as_str().unwrap().to_string();
        Launched {
            url: text("url"),
            admin_token: text("admin_token"),
            worker_token: text("worker_token"),
            credentials: info["credentials"].as_bool().unwrap(),
            _stdin: Mutex::new(child.stdin.take().unwrap()),
            _child: Mutex::new(child),
        }
    })
}

struct Dispatcher {
    url: String,
    credentials: bool,
    admin: support::Admin,
    worker: support::Worker,
}

async fn dispatcher() -> Dispatcher {
    let l = launched();
    let admin = support::admin(&l.url, &l.admin_token);
    let worker = support::worker(&l.url, &l.worker_token);
    admin.register_bundle(pb::RegisterBundleRequest { bundle: support::bundle(BUNDLE_SHA).into(), ..Default::default() }).await.unwrap();
    Dispatcher { url: l.url.clone(), credentials: l.credentials, admin, worker }
}

fn unique(prefix: &str) -> String {
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_nanos();
    format!("{prefix}-{nanos:x}")
}

impl Dispatcher {
    /// A RUNTIME_WORKER job of its own (lease 4 s, retry after ~1 s) and one queued task.
    async fn new_task(&self) -> String {
        self.new_task_with(None).await
    }

    async fn new_task_with(&self, params: Option<serde_json::Value>) -> String {
        let config = serde_json::json!({"dataset_uuid": "9b8f7e6d-5c4b-4a39-8877-665544332211", "dataset_version": "9b8f7e6d-5c4b-4a39-8877-665544330001"});
        let job = pb::Job {
            dag_name: "sdk-rust".into(),
            name: unique("job"),
            runtime: pb::Runtime::RUNTIME_WORKER.into(),
            operator: "sdk_test".into(),
            bundle_sha256: BUNDLE_SHA.into(),
            org_id: "sdk".into(),
            lease_ttl_seconds: 4,
            retry_base_seconds: 1,
            retry_max_seconds: 1,
            config: serde_json::from_value::<buffa_types::google::protobuf::Struct>(config).unwrap().into(),
            s3: pb::S3Grants { read_prefixes: vec!["s3://data-bucket/in/".into()], write_prefixes: vec!["s3://out-bucket/out/".into()], ..Default::default() }.into(),
            ..Default::default()
        };
        let reply = self.admin.register_job(pb::RegisterJobRequest { job: job.into(), ..Default::default() }).await.unwrap().into_owned();
        let job_id = reply.job.as_option().unwrap().job_id.clone();
        let params: Option<buffa_types::google::protobuf::Struct> = params.map(|p| serde_json::from_value(p).unwrap());
        let created = self.admin.create_task(pb::CreateTaskRequest { job_id, params: params.into(), ..Default::default() }).await.unwrap().into_owned();
        created.task.as_option().unwrap().task_id.clone()
    }

    /// Claims the task through the worker API (polling up to `wait`) and returns the payload.
    async fn claim(&self, task_id: &str, wait: Duration) -> pb::TaskInvocation {
        let deadline = Instant::now() + wait;
        loop {
            let request = pb::ClaimTaskRequest { task_id: task_id.into(), worker_id: "sdk-rust-test".into(), ..Default::default() };
            let reply = self.worker.claim_task(request).await.unwrap().into_owned();
            if reply.claimed {
                return reply.task.as_option().unwrap().clone();
            }
            assert!(Instant::now() < deadline, "task {task_id} not claimed: {:?}", reply.reason);
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    async fn state(&self, task_id: &str) -> pb::TaskState {
        let reply = self.admin.get_task(pb::GetTaskRequest { task_id: task_id.into(), ..Default::default() }).await.unwrap().into_owned();
        reply.task.as_option().unwrap().state.as_known().unwrap()
    }

    fn context(&self, invocation: pb::TaskInvocation) -> TaskContext {
        TaskContext::new(invocation, &self.url).unwrap()
    }
}

fn event(ctx: &TaskContext, cursor: u64) -> pb::DatasetEvent {
    let config = ctx.config();
    cursor_event(config["dataset_uuid"].as_str().unwrap(), config["dataset_version"].as_str().unwrap(), cursor)
}

#[tokio::test]
async fn params_are_the_tasks_own() {
    let d = dispatcher().await;
    let with = d.new_task_with(Some(serde_json::json!({"block": 42, "chain": "monad"}))).await;
    let ctx = d.context(d.claim(&with, Duration::from_secs(10)).await);
    assert_eq!(ctx.params(), serde_json::json!({"block": 42, "chain": "monad"}));
    assert_eq!(ctx.params()["block"].as_u64(), Some(42));
    let without = d.new_task().await;
    assert_eq!(d.context(d.claim(&without, Duration::from_secs(10)).await).params(), serde_json::json!({}));
}

#[tokio::test]
async fn heartbeat_events_complete_and_duplicate() {
    let d = dispatcher().await;
    let task_id = d.new_task().await;
    let ctx = d.context(d.claim(&task_id, Duration::ZERO).await);
    assert_eq!((ctx.task_id(), ctx.attempt()), (task_id.as_str(), 1));

    let beat = ctx.heartbeat().await.unwrap();
    assert!(!beat.cancel_requested);
    assert!(beat.lease_expires_at > SystemTime::now());

    assert_eq!(ctx.emit_events(vec![event(&ctx, 3)]).await.unwrap(), 1);
    let completion = || Completion::new().event(event(&ctx, 4)).output("rows", serde_json::json!(3));
    assert!(!ctx.complete(completion()).await.unwrap(), "first completion is not a duplicate");
    assert!(ctx.complete(completion()).await.unwrap(), "the same completion again is a duplicate");
    assert_eq!(d.state(&task_id).await, pb::TaskState::TASK_STATE_COMPLETED);

    // A different outcome for the finished attempt is a typed refusal.
    assert!(matches!(ctx.fail("too late", true).await, Err(TaskError::Finished(_))));
}

#[tokio::test]
async fn background_heartbeats_renew_the_lease() {
    let d = dispatcher().await;
    let ctx = d.context(d.claim(&d.new_task().await, Duration::ZERO).await);
    let initial = ctx.lease_expires_at();
    ctx.start_heartbeats();
    // Lease 4 s, heartbeats every ~1 s: the expiry moves with no call from the test.
    let deadline = Instant::now() + Duration::from_secs(15);
    while ctx.lease_expires_at() <= initial {
        assert!(Instant::now() < deadline, "no background heartbeat renewed the lease");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    ctx.complete(Completion::new()).await.unwrap();
}

#[tokio::test]
async fn credentials_come_from_sts() {
    let d = dispatcher().await;
    if !d.credentials {
        eprintln!("moto_server not installed (scripts/ci/install-aws-fakes.sh): skipped locally");
        return;
    }
    let ctx = d.context(d.claim(&d.new_task().await, Duration::ZERO).await);
    let creds = ctx.credentials().await.unwrap();
    assert!(!creds.access_key_id.is_empty() && !creds.secret_access_key.is_empty() && !creds.session_token.is_empty());
    assert!(creds.expiration > SystemTime::now());
    assert!(!format!("{creds:?}").contains(&creds.secret_access_key), "Debug never prints the secret");
    ctx.complete(Completion::new()).await.unwrap();
}

#[tokio::test]
async fn cancellation_stops_the_operator_and_completes_canceled() {
    let d = dispatcher().await;
    let task_id = d.new_task().await;
    let ctx = d.context(d.claim(&task_id, Duration::ZERO).await);
    let admin = d.admin.clone();
    let id = task_id.clone();
    let outcome = run_task(ctx, |_ctx| async move {
        admin.cancel_task(pb::CancelTaskRequest { task_id: id, reason: "sdk test".into(), ..Default::default() }).await.unwrap();
        // Dropped at this await once a heartbeat sees cancel_requested.
        tokio::time::sleep(Duration::from_secs(60)).await;
        Err::<Completion, OperatorError>(OperatorError::retryable("not interrupted"))
    })
    .await;
    assert_eq!(outcome, Outcome::Canceled);
    assert_eq!(d.state(&task_id).await, pb::TaskState::TASK_STATE_CANCELED);
}

#[tokio::test]
async fn an_old_attempt_is_refused_as_stale_after_a_retry() {
    let d = dispatcher().await;
    let task_id = d.new_task().await;
    let first = d.context(d.claim(&task_id, Duration::ZERO).await);
    first.fail("transient", true).await.unwrap();
    // retry_base_seconds 1: the retry scheduler re-queues it as attempt 2, which we claim.
    let second = d.claim(&task_id, Duration::from_secs(30)).await;
    assert_eq!(second.attempt, 2);

    let refused = first.heartbeat().await.unwrap_err();
    assert!(matches!(refused, TaskError::StaleAttempt(_)), "{refused}");
    assert_eq!(refused.reason().as_deref(), Some("stale_attempt"));
    assert!(first.is_canceled(), "a stale refusal fires the cancel signal");
    assert!(matches!(first.emit_events(vec![event(&first, 1)]).await, Err(TaskError::StaleAttempt(_))));
    d.context(second).complete(Completion::new()).await.unwrap();
}

#[tokio::test]
async fn operator_errors_fail_the_attempt() {
    let d = dispatcher().await;
    let task_id = d.new_task().await;
    let ctx = d.context(d.claim(&task_id, Duration::ZERO).await);
    let outcome = run_task(ctx, |_ctx| async { Err::<Completion, _>(OperatorError::non_retryable("bad config")) }).await;
    assert_eq!(outcome, Outcome::Failed);
    assert_eq!(d.state(&task_id).await, pb::TaskState::TASK_STATE_FAILED);
}

#[tokio::test]
async fn a_forged_token_is_unauthenticated() {
    let d = dispatcher().await;
    let mut invocation = d.claim(&d.new_task().await, Duration::ZERO).await;
    let genuine = invocation.clone();
    invocation.capability_token.truncate(invocation.capability_token.len() - 4);
    invocation.capability_token.push_str("AAAA");
    assert!(matches!(d.context(invocation).heartbeat().await, Err(TaskError::Unauthenticated(_))));
    d.context(genuine).complete(Completion::new()).await.unwrap();
}

#[test]
fn the_bundle_result_object_is_what_the_runner_reads() {
    let completion = Completion::new().cursor_event("d", "v", 42).output("rows", serde_json::json!({"n": 1}));
    let value: serde_json::Value = serde_json::from_str(&trace_dispatcher_sdk::bundle::result_object(&completion).unwrap()).unwrap();
    assert_eq!(value["events"][0]["cursor"], "42");
    assert_eq!(value["outputs"][0]["name"], "rows");
    assert_eq!(value["outputs"][0]["value"]["n"].as_f64(), Some(1.0));
    assert_eq!(value["datasets_published"], serde_json::json!([]));
}

#[tokio::test]
async fn an_undeliverable_completion_is_report_failed() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let invocation = pb::TaskInvocation { task_id: "t".into(), attempt: 1, lease_token: "l".into(), capability_token: "c".into(), ..Default::default() };
    let ctx = TaskContext::new(invocation, &format!("http://127.0.0.1:{port}")).unwrap();
    let outcome = run_task(ctx, |_ctx| async { Ok(Completion::new()) }).await;
    assert!(matches!(outcome, Outcome::ReportFailed(_)), "{outcome:?}");
}

#[tokio::test]
async fn a_second_delivery_is_refused_and_stops_quietly() {
    let d = dispatcher().await;
    let task_id = d.new_task().await;
    let payload = d.claim(&task_id, Duration::ZERO).await;
    let original = d.context(payload.clone());
    let duplicate = d.context(payload.clone());
    assert_eq!(original.delivery_id().len(), 36);
    assert_ne!(original.delivery_id(), duplicate.delivery_id());
    original.heartbeat().await.unwrap();

    let refused = duplicate.heartbeat().await.unwrap_err();
    assert!(matches!(refused, TaskError::DuplicateDelivery(_)), "{refused}");
    assert_eq!(refused.reason().as_deref(), Some("duplicate_delivery"));
    assert!(refused.is_terminal_refusal());
    assert!(duplicate.is_canceled(), "a duplicate_delivery refusal fires the cancel signal");
    assert!(matches!(duplicate.fail("bundle download failed", true).await, Err(TaskError::DuplicateDelivery(_))));

    // run_task binds before the operator runs: a duplicate never runs it.
    let ran = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = ran.clone();
    let outcome = run_task(d.context(payload.clone()), move |_ctx| async move {
        flag.store(true, std::sync::atomic::Ordering::SeqCst);
        Err::<Completion, _>(OperatorError::retryable("a duplicate must not get here"))
    })
    .await;
    assert_eq!(outcome, Outcome::Abandoned);
    assert!(!ran.load(std::sync::atomic::Ordering::SeqCst));
    assert_eq!(d.state(&task_id).await, pb::TaskState::TASK_STATE_RUNNING);

    assert!(!original.complete(Completion::new().output("rows", serde_json::json!(1))).await.unwrap());
    assert_eq!(d.state(&task_id).await, pb::TaskState::TASK_STATE_COMPLETED);
}

#[tokio::test]
async fn a_context_acts_as_the_delivery_named_in_the_payload() {
    let d = dispatcher().await;
    let task_id = d.new_task().await;
    let payload = pb::TaskInvocation { delivery_id: "0b6f2c1e-5d4a-4f3b-9c2d-1e0f9a8b7c6d".into(), ..d.claim(&task_id, Duration::ZERO).await };
    let runner = d.context(payload.clone());
    let bundle = d.context(payload);
    assert_eq!(runner.delivery_id(), "0b6f2c1e-5d4a-4f3b-9c2d-1e0f9a8b7c6d");
    runner.heartbeat().await.unwrap();
    bundle.heartbeat().await.unwrap();
    assert!(!bundle.complete(Completion::new()).await.unwrap());
}
