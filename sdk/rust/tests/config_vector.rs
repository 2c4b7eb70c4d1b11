//! The Rust SDK's `config()` on the shared vector test/vectors/invocation_config_json_integers.json
//! (issue 11 §5): `{"n":100}` is `as_u64() == Some(100)`, not `100.0`, and integers beyond 2^53
//! keep every digit (64-bit range); without config_json, integral doubles become integers.

use trace_dispatcher_sdk::TaskContext;

fn vector_json() -> serde_json::Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../test/vectors/invocation_config_json_integers.json")).unwrap();
    serde_json::from_str::<serde_json::Value>(&text).unwrap()["json"].clone()
}

#[tokio::test]
async fn integers_arrive_as_integers_exact_beyond_2_pow_53() {
    let ctx = TaskContext::from_json(&vector_json().to_string(), Some("http://unused.invalid")).unwrap();
    let config = ctx.config();
    assert_eq!(config["n"].as_u64(), Some(100));
    assert_eq!(config["big"].as_u64(), Some(9_007_199_254_740_993));
    assert_eq!(config["neg"].as_i64(), Some(-9_007_199_254_740_993));
    assert_eq!(config["u64_max"].as_u64(), Some(u64::MAX));
    assert_eq!(config["ratio"].as_f64(), Some(1.5));
    assert_eq!(config["nested"]["ids"][0].as_u64(), Some(12_345_678_901_234_567_890));
}

#[tokio::test]
async fn an_older_dispatcher_without_config_json_still_gives_integers() {
    let mut json = vector_json();
    json.as_object_mut().unwrap().remove("config_json");
    let ctx = TaskContext::from_json(&json.to_string(), Some("http://unused.invalid")).unwrap();
    assert_eq!(ctx.config()["n"].as_u64(), Some(100));
    assert_eq!(ctx.config()["ratio"].as_f64(), Some(1.5));
}
