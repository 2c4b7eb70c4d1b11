//! `TaskContext::query` against a REAL Query Service: scripts/dev/test-query-stack.ts starts a
//! Dispatcher signing ES256 tokens and a Query Service verifying them through the Dispatcher's
//! JWKS, reading a 100-row Parquet dataset (id, grp, amount, name) from an embedded S3 store.

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::SystemTime;

mod support;

use serde::Deserialize;
use trace_dispatcher_sdk::pb;
use trace_dispatcher_sdk::{QueryOptions, TaskContext, TaskError};

const BUNDLE_SHA: &str = "8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f";

struct Stack {
    url: String,
    query_url: String,
    admin_token: String,
    worker_token: String,
    dataset: serde_json::Value,
    _stdin: Mutex<ChildStdin>,
    _child: Mutex<Child>,
}

fn stack() -> &'static Stack {
    static STACK: OnceLock<Stack> = OnceLock::new();
    STACK.get_or_init(|| {
        if std::env::var_os("CI").is_some() && std::env::var_os("TEST_DATABASE_URL").is_none() {
            panic!("TEST_DATABASE_URL must be set when CI is set (live SDK tests run on real Postgres)");
        }
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let mut child = Command::new("node")
            .args(["--import", "tsx", "scripts/dev/test-query-stack.ts"])
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start scripts/dev/test-query-stack.ts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let info: serde_json::Value = serde_json::from_str(&line).unwrap_or_else(|_| panic!("launcher did not start: {line:?}"));
        let text = |k: &str| info[k].as_str().unwrap().to_string();
        Stack {
            url: text("url"),
            query_url: text("query_url"),
            admin_token: text("admin_token"),
            worker_token: text("worker_token"),
            dataset: info["dataset"].clone(),
            _stdin: Mutex::new(child.stdin.take().unwrap()),
            _child: Mutex::new(child),
        }
    })
}

fn field(s: &Stack, key: &str) -> String {
    s.dataset[key].as_str().unwrap().to_string()
}

async fn claimed_context() -> TaskContext {
    let s = stack();
    let admin = support::admin(&s.url, &s.admin_token);
    let worker = support::worker(&s.url, &s.worker_token);
    admin.register_bundle(pb::RegisterBundleRequest { bundle: support::bundle(BUNDLE_SHA).into(), ..Default::default() }).await.unwrap();
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_nanos();
    let job = pb::Job {
        dag_name: "sdk-rust-query".into(),
        name: format!("job-{nanos:x}"),
        runtime: pb::Runtime::RUNTIME_WORKER.into(),
        operator: "query_test".into(),
        bundle_sha256: BUNDLE_SHA.into(),
        org_id: "sdk".into(),
        datasets: vec![pb::DatasetGrant {
            dataset_uuid: field(s, "dataset_uuid"),
            dataset_version: field(s, "dataset_version"),
            storage_ref: Some(field(s, "storage_ref")),
            ..Default::default()
        }],
        s3: pb::S3Grants { read_prefixes: vec![field(s, "read_prefix")], ..Default::default() }.into(),
        ..Default::default()
    };
    let job = admin.register_job(pb::RegisterJobRequest { job: job.into(), ..Default::default() }).await.unwrap().into_owned();
    let job_id = job.job.as_option().unwrap().job_id.clone();
    let task = admin.create_task(pb::CreateTaskRequest { job_id, ..Default::default() }).await.unwrap().into_owned();
    let task_id = task.task.as_option().unwrap().task_id.clone();
    let reply = worker.claim_task(pb::ClaimTaskRequest { task_id, worker_id: "sdk-rust-query".into(), ..Default::default() }).await.unwrap().into_owned();
    assert!(reply.claimed, "not claimed: {:?}", reply.reason);
    TaskContext::new(reply.task.as_option().unwrap().clone(), &s.url).unwrap()
}

#[derive(Debug, Deserialize, PartialEq)]
struct Row {
    id: i64,
    name: String,
    amount: f64,
}

#[tokio::test]
async fn reads_rows_into_a_struct() {
    let ctx = claimed_context().await;
    let s = stack();
    let options = QueryOptions::new(field(s, "dataset_uuid")).query_url(&s.query_url);
    let result = ctx.query::<Row>("SELECT id, name, amount FROM dataset WHERE id < 3 ORDER BY id", options.clone()).await.unwrap();
    assert_eq!(
        result.rows,
        vec![
            Row { id: 0, name: "row-0".into(), amount: 0.0 },
            Row { id: 1, name: "row-1".into(), amount: 1.5 },
            Row { id: 2, name: "row-2".into(), amount: 3.0 },
        ]
    );
    assert_eq!(result.columns.iter().map(|c| c.r#type.as_str()).collect::<Vec<_>>(), vec!["BIGINT", "VARCHAR", "DOUBLE"]);
    assert!(!result.truncated);
    assert_eq!(result.dataset_version, field(s, "dataset_version"));
    let page = ctx.query::<serde_json::Map<String, serde_json::Value>>("SELECT id FROM dataset ORDER BY id", options.limit(10)).await.unwrap();
    assert_eq!((page.row_count, page.truncated), (10, true));
    assert_eq!(page.rows[9]["id"], serde_json::json!(9));
    ctx.complete(Default::default()).await.unwrap();
}

#[tokio::test]
async fn refusals_are_task_errors() {
    let ctx = claimed_context().await;
    let s = stack();
    let gate = ctx.query::<serde_json::Value>("ATTACH '/tmp/x.db' AS x", QueryOptions::new(field(s, "dataset_uuid")).query_url(&s.query_url)).await.unwrap_err();
    match &gate {
        TaskError::Rpc(error) => assert!(matches!(trace_dispatcher_sdk::error::reason(error).as_deref(), Some("keyword_not_allowed" | "not_a_select")), "{gate}"),
        other => panic!("expected an Rpc refusal, got {other}"),
    }
    let denied = ctx
        .query::<serde_json::Value>("SELECT 1", QueryOptions::new("00000000-0000-4000-8000-000000000000").query_url(&s.query_url))
        .await
        .unwrap_err();
    assert!(matches!(denied, TaskError::Unauthenticated(_)), "{denied}");
    assert_eq!(denied.reason().as_deref(), Some("dataset_not_granted"));
    ctx.complete(Default::default()).await.unwrap();
}
