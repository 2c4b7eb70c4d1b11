//! The SDK against a REAL Dispatcher process (scripts/dev/test-dispatcher.mjs: `serve` on a fresh
//! Postgres database when TEST_DATABASE_URL is set, required in CI; PGlite otherwise; moto for
//! STS). Tasks are created through the admin API and claimed through the worker API; the claimed
//! `task` is the invocation payload. Heartbeat, events, complete (and its duplicate), credentials,
//! cancellation and the stale-attempt refusal go through the SDK.

use std::time::{Duration, Instant, SystemTime};

mod support;

use support::dispatcher;
use trace_dispatcher_sdk::pb;
use trace_dispatcher_sdk::{cursor_event, run_task, Completion, OperatorError, Outcome, TaskContext, TaskError};

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
