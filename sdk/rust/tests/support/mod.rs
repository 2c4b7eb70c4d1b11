//! Admin and worker clients for the live suites: the generated connectrpc clients with the
//! Dispatcher's admin bearer token or worker token as a default header, JSON codec like the SDK.
#![allow(dead_code)]

use trace_dispatcher_sdk::connectrpc::client::{ClientConfig, HttpClient};
use trace_dispatcher_sdk::pb;

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
