//! The example operator (examples/operators/rust/src/main.rs), built in a fresh project from the
//! packaged crates by scripts/ci/sdk-install-rust.sh, run the way the platform runner runs a
//! bundle: a task claimed from a live Dispatcher is its stdin, its stdout result completes the
//! attempt.

mod support;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use trace_dispatcher_sdk::{pb, Completion};

#[tokio::test]
async fn the_installed_operator_runs_a_claimed_task() {
    let d = support::dispatcher().await;
    let task_id = d.new_task().await;
    let invocation = d.claim(&task_id, Duration::ZERO).await;

    let mut child = Command::new(env!("CARGO_BIN_EXE_bootstrap"))
        .env("TRACE_DISPATCHER_URL", &d.url)
        .env_remove("AWS_LAMBDA_RUNTIME_API")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the installed bootstrap");
    child.stdin.take().unwrap().write_all(serde_json::to_string(&invocation).unwrap().as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "bootstrap exited with {}", output.status);

    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let config = d.context(invocation.clone()).config();
    assert_eq!(result["events"][0]["dataset_uuid"], config["dataset_uuid"]);
    assert_eq!(result["events"][0]["cursor"], "1", "one past the (absent) input cursors, int64 as a string");
    assert_eq!(result["outputs"][0], serde_json::json!({"name": "runtime", "value": "rust"}));

    let completion = Completion {
        events: serde_json::from_value(result["events"].clone()).unwrap(),
        outputs: serde_json::from_value(result["outputs"].clone()).unwrap(),
        ..Default::default()
    };
    assert!(!d.context(invocation).complete(completion).await.unwrap());
    assert_eq!(d.state(&task_id).await, pb::TaskState::TASK_STATE_COMPLETED);
}
