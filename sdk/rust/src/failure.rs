//! What an operator's error becomes on the wire (issue 11 §1): its type as the category (data,
//! never parsed from text), its message bounded and scrubbed of anything secret-shaped, and
//! whether a retry may help (`OperatorError::non_retryable` ends the task without one). The
//! runner scrubs again with the attempt's known secrets.

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use crate::error::OperatorError;

/// Characters of the message kept; the wire's error_message is 1024 characters in all.
pub const MAX_FAILURE_MESSAGE_CHARS: usize = 900;
const REDACTED: &str = "[redacted]";

/// `{"category", "message", "retryable"}`: the bundle-mode `failure` object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FailureReport {
    pub category: String,
    pub message: String,
    pub retryable: bool,
}

impl FailureReport {
    pub fn new(error: &OperatorError, known_secrets: &[&str]) -> Self {
        let valid = !error.category.is_empty()
            && error.category.len() <= 128
            && error.category.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '-'));
        let mut message = scrub(&error.message, known_secrets);
        if message.chars().count() > MAX_FAILURE_MESSAGE_CHARS {
            message = message.chars().take(MAX_FAILURE_MESSAGE_CHARS - 1).collect::<String>() + "…";
        }
        Self { category: if valid { error.category.clone() } else { "OperatorError".into() }, message, retryable: error.retryable }
    }
}

fn shapes() -> &'static [(Regex, &'static str)] {
    static SHAPES: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let name = r"[A-Za-z0-9_.-]*(?:secret|passw(?:or)?d|pwd|token|session|credential|api[-_]?key|access[-_]?key|private[-_]?key|signature)[A-Za-z0-9_.-]*";
        [
            (r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\z)".to_string(), "[redacted]"),
            (r#"(?i)(https?://[^\s?#"'<>]+)\?[^\s"'<>]*(?:X-Amz-|Signature=|sig=)[^\s"'<>]*"#.to_string(), "${1}?[redacted]"),
            (r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*".to_string(), "[redacted]"),
            (r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|APKA)[A-Z0-9]{16}\b".to_string(), "[redacted]"),
            (format!(r#"(?i)({name}["']?\s*[:=]\s*["']?)[^\s"',;&}}]+"#), "${1}[redacted]"),
        ]
        .into_iter()
        .map(|(pattern, replacement)| (Regex::new(&pattern).expect("scrub pattern"), replacement))
        .collect()
    })
}

/// `text` without known secret values (6+ characters) and secret shapes.
pub fn scrub(text: &str, known_secrets: &[&str]) -> String {
    let mut out = text.to_string();
    for secret in known_secrets.iter().filter(|s| s.len() >= 6) {
        out = out.replace(secret, REDACTED);
    }
    for (pattern, replacement) in shapes() {
        out = pattern.replace_all(&out, *replacement).into_owned();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ0YXNrOjEifQ.c2lnbmF0dXJlLWJ5dGVz";

    #[test]
    fn non_retryable_is_reported_as_data() {
        let report = FailureReport::new(&OperatorError::non_retryable("config needs dataset_uuid"), &[]);
        assert_eq!(report, FailureReport { category: "NonRetryableError".into(), message: "config needs dataset_uuid".into(), retryable: false });
    }

    #[test]
    fn a_converted_error_keeps_its_type_and_is_retryable() {
        let error: OperatorError = "x".parse::<u64>().unwrap_err().into();
        let report = FailureReport::new(&error, &[]);
        assert_eq!(report.category, "core::num::error::ParseIntError");
        assert!(report.retryable);
    }

    #[test]
    fn the_message_is_scrubbed_and_bounded() {
        let secret = "wJalrXUtnFEMI/K7MDENGbPxRfiCYEXAMPLEKEY";
        let message = format!("token {TOKEN} aws_secret_access_key={secret} id AKIAIOSFODNN7EXAMPLE {}", "x".repeat(5000));
        let report = FailureReport::new(&OperatorError::retryable(message), &[]);
        assert!(report.message.starts_with("token [redacted] aws_secret_access_key=[redacted] id [redacted] "), "{}", report.message);
        assert!(report.message.chars().count() <= MAX_FAILURE_MESSAGE_CHARS);
        let pem = "a\n-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----\nb";
        assert_eq!(scrub(pem, &[]), "a\n[redacted]\nb");
        assert_eq!(scrub("GET https://b/k?X-Amz-Signature=abc&y=1 ok", &[]), "GET https://b/k?[redacted] ok");
        assert_eq!(scrub("known plain-secret-value", &["plain-secret-value"]), "known [redacted]");
    }
}
