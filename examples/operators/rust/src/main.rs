//! Example operator: emits one cursor event for the dataset named in its config, at
//! config.cursor or one past the highest input cursor. One `bootstrap` binary, two modes: a
//! bundle entrypoint under the platform runner, or its own Lambda handler (custom runtime).
use trace_dispatcher_sdk::{Completion, OperatorError, TaskContext};

async fn operator(ctx: TaskContext) -> Result<Completion, OperatorError> {
    let config = ctx.config();
    let field = |name: &str| config[name].as_str().map(str::to_string).ok_or_else(|| OperatorError::non_retryable(format!("config needs {name}")));
    let (dataset, version) = (field("dataset_uuid")?, field("dataset_version")?);
    let highest = ctx.inputs().iter().filter_map(|event| event.cursor).max().unwrap_or(0);
    let cursor = config["cursor"].as_str().and_then(|c| c.parse().ok()).or(config["cursor"].as_u64()).unwrap_or(highest + 1);
    Ok(Completion::new()
        .cursor_event(dataset, version, cursor)
        .output("runtime", serde_json::json!("rust"))
        .output("operator", serde_json::json!(ctx.operator())))
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // AWS_LAMBDA_RUNTIME_API set: Lambda custom runtime (the SDK heartbeats and completes);
    // otherwise: bundle entrypoint (stdin -> operator -> stdout; the runner completes).
    std::process::exit(trace_dispatcher_sdk::serve(operator).await);
}
