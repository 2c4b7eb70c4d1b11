//! Sample operator (runtime: rust), the same contract as the node and python samples.
//!
//! Reads the TaskInvocation JSON on stdin and prints one result object on stdout: a cursor event
//! for config.dataset_uuid / config.dataset_version at config.cursor, or one past the highest
//! input cursor (1 when there is none). Only std: a small JSON reader is included below.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut text = String::new();
    if io::stdin().read_to_string(&mut text).is_err() {
        eprintln!("stdin is not UTF-8");
        return ExitCode::from(2);
    }
    let invocation = match Parser::new(&text).document() {
        Ok(value) => value,
        Err(error) => {
            eprintln!("invocation is not JSON: {error}");
            return ExitCode::from(2);
        }
    };
    let config = invocation.get("config");
    let (Some(dataset_uuid), Some(dataset_version)) = (
        config.and_then(|c| c.get("dataset_uuid")).and_then(Value::as_str),
        config.and_then(|c| c.get("dataset_version")).and_then(Value::as_str),
    ) else {
        eprintln!("config needs dataset_uuid and dataset_version");
        return ExitCode::from(2);
    };
    let highest = invocation
        .get("inputs")
        .and_then(Value::as_array)
        .unwrap_or(&[])
        .iter()
        .filter_map(|event| event.get("cursor").and_then(Value::as_integer))
        .max()
        .unwrap_or(0);
    let cursor = match config.and_then(|c| c.get("cursor")) {
        Some(value) => match value.as_integer() {
            Some(cursor) => cursor,
            None => {
                eprintln!("config.cursor must be an integer");
                return ExitCode::from(2);
            }
        },
        None => highest + 1,
    };
    let operator = invocation.get("operator").and_then(Value::as_str).unwrap_or("");

    let output = format!(
        "{{\"events\":[{{\"dataset_uuid\":{},\"dataset_version\":{},\"cursor\":\"{}\"}}],\"outputs\":[{{\"name\":\"runtime\",\"value\":\"rust\"}},{{\"name\":\"operator\",\"value\":{}}}]}}",
        quote(dataset_uuid),
        quote(dataset_version),
        cursor,
        quote(operator)
    );
    let mut stdout = io::stdout().lock();
    if stdout.write_all(output.as_bytes()).and_then(|_| stdout.flush()).is_err() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// A JSON string literal for `s`.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

enum Value {
    Null,
    /// true or false; this operator never reads one.
    Bool,
    /// Kept as written: cursors are 64-bit and protobuf JSON sends them as strings anyway.
    Number(String),
    String(String),
    Array(Vec<Value>),
    Object(BTreeMap<String, Value>),
}

impl Value {
    fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(map) => map.get(key),
            _ => None,
        }
    }
    fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }
    /// An integer written as a JSON number or (protobuf JSON int64) as a decimal string.
    fn as_integer(&self) -> Option<i128> {
        match self {
            Value::Number(n) | Value::String(n) => n.parse().ok(),
            _ => None,
        }
    }
}

/// A strict recursive-descent JSON reader (RFC 8259), bounded in nesting depth.
struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
    depth: usize,
}

const MAX_DEPTH: usize = 64;

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser { bytes: text.as_bytes(), at: 0, depth: 0 }
    }

    fn document(mut self) -> Result<Value, String> {
        let value = self.value()?;
        self.skip_whitespace();
        if self.at != self.bytes.len() {
            return Err(format!("trailing data at byte {}", self.at));
        }
        Ok(value)
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), String> {
        self.skip_whitespace();
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(format!("expected '{}' at byte {}", byte as char, self.at))
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, String> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(format!("invalid literal at byte {}", self.at))
        }
    }

    fn value(&mut self) -> Result<Value, String> {
        self.skip_whitespace();
        match self.bytes.get(self.at) {
            Some(b'{') => self.nested(Self::object),
            Some(b'[') => self.nested(Self::array),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal("true", Value::Bool),
            Some(b'f') => self.literal("false", Value::Bool),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(format!("unexpected input at byte {}", self.at)),
        }
    }

    fn nested(&mut self, parse: fn(&mut Self) -> Result<Value, String>) -> Result<Value, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("nesting too deep".into());
        }
        let value = parse(self);
        self.depth -= 1;
        value
    }

    fn object(&mut self) -> Result<Value, String> {
        self.expect(b'{')?;
        let mut map = BTreeMap::new();
        self.skip_whitespace();
        if self.bytes.get(self.at) == Some(&b'}') {
            self.at += 1;
            return Ok(Value::Object(map));
        }
        loop {
            self.skip_whitespace();
            let key = self.string()?;
            self.expect(b':')?;
            let value = self.value()?;
            map.insert(key, value);
            self.skip_whitespace();
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(map));
                }
                _ => return Err(format!("expected ',' or '}}' at byte {}", self.at)),
            }
        }
    }

    fn array(&mut self) -> Result<Value, String> {
        self.expect(b'[')?;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.bytes.get(self.at) == Some(&b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_whitespace();
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(format!("expected ',' or ']' at byte {}", self.at)),
            }
        }
    }

    fn number(&mut self) -> Result<Value, String> {
        let start = self.at;
        while matches!(self.bytes.get(self.at), Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')) {
            self.at += 1;
        }
        let text = std::str::from_utf8(&self.bytes[start..self.at]).map_err(|e| e.to_string())?;
        // Validate the shape by parsing it as a float; keep the exact digits.
        text.parse::<f64>().map_err(|_| format!("invalid number at byte {start}"))?;
        Ok(Value::Number(text.to_string()))
    }

    fn string(&mut self) -> Result<String, String> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return Err(format!("expected a string at byte {}", self.at));
        }
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while matches!(self.bytes.get(self.at), Some(b) if *b != b'"' && *b != b'\\' && *b >= 0x20) {
                self.at += 1;
            }
            // The input is a &str, so any run of bytes between ASCII delimiters is valid UTF-8.
            out.push_str(std::str::from_utf8(&self.bytes[start..self.at]).map_err(|e| e.to_string())?);
            match self.bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = *self.bytes.get(self.at).ok_or("unterminated escape")?;
                    self.at += 1;
                    match escaped {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => out.push(self.unicode_escape()?),
                        _ => return Err(format!("invalid escape at byte {}", self.at - 1)),
                    }
                }
                _ => return Err(format!("unterminated string at byte {start}")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self.bytes.get(self.at..self.at + 4).ok_or("short \\u escape")?;
        let text = std::str::from_utf8(digits).map_err(|e| e.to_string())?;
        let code = u32::from_str_radix(text, 16).map_err(|_| format!("invalid \\u escape at byte {}", self.at))?;
        self.at += 4;
        Ok(code)
    }

    fn unicode_escape(&mut self) -> Result<char, String> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) {
            // A high surrogate must be followed by an escaped low surrogate.
            if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                return Err("unpaired surrogate".into());
            }
            self.at += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err("unpaired surrogate".into());
            }
            let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
            return char::from_u32(code).ok_or_else(|| "invalid code point".into());
        }
        char::from_u32(first).ok_or_else(|| "unpaired surrogate".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_protobuf_json_cursors_and_escapes() {
        let v = Parser::new(r#"{"a":[{"cursor":"41"},{"cursor":7}],"s":"x\u00e9\ud83d\ude00\n"}"#).document().unwrap();
        let cursors: Vec<i128> = v.get("a").unwrap().as_array().unwrap().iter().filter_map(|e| e.get("cursor")?.as_integer()).collect();
        assert_eq!(cursors, vec![41, 7]);
        assert_eq!(v.get("s").unwrap().as_str(), Some("xé😀\n"));
        assert!(Parser::new("{\"a\":1} x").document().is_err());
        assert_eq!(quote("a\"b\u{1}"), "\"a\\\"b\\u0001\"");
    }
}
