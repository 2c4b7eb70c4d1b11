//! `TaskContext::query`: one SELECT over a granted dataset through the Query Service
//! (`POST /v1/task/query`) with the attempt's capability token.
//!
//! Rows deserialize into any `serde::de::DeserializeOwned` type, keyed by column name: a struct
//! with `#[derive(Deserialize)]`, or `serde_json::Map<String, Value>` for untyped access. 64-bit
//! integer columns arrive as JSON strings (the contract's int64 rule) and are turned back into
//! numbers first, so an `i64` field just works; DECIMAL stays a string (exact), dates and
//! timestamps are strings.

use connectrpc::client::CallOptions;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::client::{self, QueryServiceClient};
use crate::context::TaskContext;
use crate::error::TaskError;
use crate::pb;

const QUERY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// What to read: the granted dataset (its uuid), an optional row limit (default 1,000, at most
/// 10,000) and the Query Service URL (default `TRACE_QUERY_URL`, else `TRACE_DISPATCHER_URL`).
#[derive(Clone, Debug, Default)]
pub struct QueryOptions {
    pub dataset: String,
    pub limit: Option<u32>,
    pub query_url: Option<String>,
}

impl QueryOptions {
    pub fn new(dataset: impl Into<String>) -> Self {
        Self { dataset: dataset.into(), ..Self::default() }
    }
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
    pub fn query_url(mut self, url: impl Into<String>) -> Self {
        self.query_url = Some(url.into());
        self
    }
}

/// One result column: its name and DuckDB type (`BIGINT`, `VARCHAR`, `DECIMAL(18,2)`, ...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryColumn {
    pub name: String,
    pub r#type: String,
}

/// The rows of one query, typed as `T`.
#[derive(Clone, Debug)]
pub struct QueryResult<T> {
    pub columns: Vec<QueryColumn>,
    pub rows: Vec<T>,
    /// True when rows were cut by the limit or the response byte cap.
    pub truncated: bool,
    pub row_count: u32,
    pub byte_count: u64,
    pub dataset_version: String,
}

fn is_wide_integer(column_type: &str) -> bool {
    matches!(column_type, "BIGINT" | "UBIGINT" | "HUGEINT" | "UHUGEINT")
}

fn typed(column_type: &str, value: Value) -> Value {
    match value {
        Value::String(text) if is_wide_integer(column_type) => {
            if let Ok(n) = text.parse::<i64>() {
                Value::from(n)
            } else if let Ok(n) = text.parse::<u64>() {
                Value::from(n)
            } else {
                Value::String(text) // beyond 64 bits: keep the exact text
            }
        }
        other => other,
    }
}

/// Decodes a reply into rows of `T` (exposed for callers that hold a raw `QueryResponse`).
pub fn decode_rows<T: DeserializeOwned>(reply: pb::QueryResponse) -> Result<QueryResult<T>, TaskError> {
    let columns: Vec<QueryColumn> = reply.columns.into_iter().map(|c| QueryColumn { name: c.name, r#type: c.r#type }).collect();
    let mut rows = Vec::with_capacity(reply.rows.len());
    for list in reply.rows {
        let values = match serde_json::to_value(&list).map_err(|e| TaskError::Invalid(format!("query row: {e}")))? {
            Value::Array(values) => values,
            other => return Err(TaskError::Invalid(format!("query row is not a list: {other}"))),
        };
        let mut object = Map::new();
        for (column, value) in columns.iter().zip(values) {
            object.insert(column.name.clone(), typed(&column.r#type, value));
        }
        rows.push(serde_json::from_value(Value::Object(object)).map_err(|e| TaskError::Invalid(format!("query row does not fit the row type: {e}")))?);
    }
    Ok(QueryResult {
        columns,
        rows,
        truncated: reply.truncated,
        row_count: reply.row_count,
        byte_count: reply.byte_count,
        dataset_version: reply.dataset_version,
    })
}

impl TaskContext {
    /// Runs one SELECT over the relation `dataset` (the granted version of `options.dataset`) on
    /// the Query Service. Refusals are `TaskError`s like every other call: `Unauthenticated` for
    /// `unauthenticated`/`permission_denied`, `Rpc` for `invalid_argument` (the SQL gate) and
    /// `resource_exhausted` (a limit).
    pub async fn query<T: DeserializeOwned>(&self, sql: &str, options: QueryOptions) -> Result<QueryResult<T>, TaskError> {
        let url = match options.query_url.clone() {
            Some(url) => url,
            None => std::env::var("TRACE_QUERY_URL")
                .or_else(|_| std::env::var("TRACE_DISPATCHER_URL"))
                .map_err(|_| TaskError::Invalid("no query_url given and neither TRACE_QUERY_URL nor TRACE_DISPATCHER_URL is set".into()))?,
        };
        let inv = self.invocation();
        let client = QueryServiceClient::new(client::transport(&url)?, client::config(&url, &inv.capability_token)?);
        let request = pb::QueryRequest {
            task_id: inv.task_id.clone(),
            attempt: inv.attempt,
            dataset: options.dataset.clone(),
            sql: sql.to_string(),
            limit: options.limit.unwrap_or(0),
            ..Default::default()
        };
        let reply = client
            .query_with_options(request, CallOptions::default().with_timeout(QUERY_TIMEOUT))
            .await
            .map_err(TaskError::from_connect)?
            .into_owned();
        decode_rows(reply)
    }
}
