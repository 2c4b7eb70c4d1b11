//! The README's operator is the example operator that CI builds, bundles and installs
//! (examples/operators/rust, scripts/ci/sdk-install-rust.sh): the same code, so it compiles.

#[test]
fn the_readme_operator_is_the_example_operator() {
    let readme = include_str!("../README.md");
    let block = readme.split("```rust\n").nth(1).and_then(|rest| rest.split("```").next()).expect("a rust block in the README");
    let example = include_str!("../../../examples/operators/rust/src/main.rs");
    // The example's module docs (`//!`) are not part of the README's block.
    let code: String = example.lines().filter(|line| !line.starts_with("//!")).map(|line| format!("{line}\n")).collect();
    assert_eq!(block, code);
}
