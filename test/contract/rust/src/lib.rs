//! Tests live in tests/; this crate only exists to build them against gen/rust.
