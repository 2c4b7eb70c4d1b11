//! The live suites' Dispatcher and its admin and worker clients: a real Dispatcher process
//! (scripts/dev/test-dispatcher.mjs), and the generated connectrpc clients with its admin bearer
//! token or worker token as a default header, JSON codec like the SDK. Shared with the check that
//! installs the packaged crates (scripts/ci/sdk-install-rust.sh), which copies these files into a
//! fresh project and points TRACE_REPO_ROOT at this repository.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use trace_dispatcher_sdk::connectrpc::client::{ClientConfig, HttpClient};
use trace_dispatcher_sdk::pb;
use trace_dispatcher_sdk::trace_dispatcher_proto::buffa_types;
use trace_dispatcher_sdk::TaskContext;

/// The repository (for the Dispatcher launcher): TRACE_REPO_ROOT, else two levels above this crate.
fn repo_root() -> String {
    std::env::var("TRACE_REPO_ROOT").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../..").to_string())
}

pub struct Launched {
    pub url: String,
    pub admin_token: String,
    pub worker_token: String,
    pub credentials: bool,
    // Held open for the whole test binary: when the process exits the pipe closes and the
    // launcher stops the Dispatcher and drops its database.
    _stdin: Mutex<ChildStdin>,
    _child: Mutex<Child>,
}

pub fn launched() -> &'static Launched {
    static LAUNCHED: OnceLock<Launched> = OnceLock::new();
    LAUNCHED.get_or_init(|| {
        if std::env::var_os("CI").is_some() && std::env::var_os("TEST_DATABASE_URL").is_none() {
            panic!("TEST_DATABASE_URL must be set when CI is set (live SDK tests run on real Postgres)");
        }
        let root = repo_root();
        // The project's Node 24 (npm ci puts it in node_modules/.bin), not whatever `node` is on PATH.
        let project_node = std::path::Path::new(&root).join("node_modules/.bin/node");
        let node = if project_node.exists() { project_node } else { "node".into() };
        let mut child = Command::new(node)
            .arg("scripts/dev/test-dispatcher.mjs")
            .current_dir(&root)
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

pub type Admin = pb::AdminServiceClient<HttpClient>;
pub type Worker = pb::WorkerServiceClient<HttpClient>;

fn config(url: &str, header: &'static str, value: String) -> ClientConfig {
    ClientConfig::new(url.parse().expect("Dispatcher URL")).json().with_default_header(header, value)
}

pub fn admin(url: &str, admin_token: &str) -> Admin {
    pb::AdminServiceClient::new(HttpClient::plaintext(), config(url, "authorization", format!("Bearer {admin_token}")))
}

pub fn worker(url: &str, worker_token: &str) -> Worker {
    pb::WorkerServiceClient::new(HttpClient::plaintext(), config(url, "x-trace-worker-token", worker_token.to_string()))
}

/// A placeholder bundle record (the launchers disable the object check).
pub fn bundle(sha256: &str) -> pb::Bundle {
    pb::Bundle {
        sha256: sha256.into(),
        storage_uri: format!("s3://trace-bundles/bundles/{sha256}.zip"),
        size_bytes: 1,
        runtime: "rust".into(),
        ..Default::default()
    }
}

const BUNDLE_SHA: &str = "7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e";

/// The launched Dispatcher with a placeholder bundle registered, and its clients.
pub struct Dispatcher {
    pub url: String,
    pub credentials: bool,
    pub admin: Admin,
    pub worker: Worker,
}

pub async fn dispatcher() -> Dispatcher {
    let l = launched();
    let admin = admin(&l.url, &l.admin_token);
    let worker = worker(&l.url, &l.worker_token);
    admin.register_bundle(pb::RegisterBundleRequest { bundle: bundle(BUNDLE_SHA).into(), ..Default::default() }).await.unwrap();
    Dispatcher { url: l.url.clone(), credentials: l.credentials, admin, worker }
}

fn unique(prefix: &str) -> String {
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_nanos();
    format!("{prefix}-{nanos:x}")
}

impl Dispatcher {
    /// A RUNTIME_WORKER job of its own (lease 4 s, retry after ~1 s) and one queued task.
    pub async fn new_task(&self) -> String {
        self.new_task_with(None).await
    }

    pub async fn new_task_with(&self, params: Option<serde_json::Value>) -> String {
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
    pub async fn claim(&self, task_id: &str, wait: Duration) -> pb::TaskInvocation {
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

    pub async fn state(&self, task_id: &str) -> pb::TaskState {
        let reply = self.admin.get_task(pb::GetTaskRequest { task_id: task_id.into(), ..Default::default() }).await.unwrap().into_owned();
        reply.task.as_option().unwrap().state.as_known().unwrap()
    }

    pub fn context(&self, invocation: pb::TaskInvocation) -> TaskContext {
        TaskContext::new(invocation, &self.url).unwrap()
    }
}
