//! The README's Rust snippets run as written in a user's crate, not only in a clone of
//! this repository: `cargo test` runs them (src/lib.rs's `ReadmeDoctests`) with the
//! clone as the current folder, where a path such as `data/` exists; in a user's crate it
//! does not. So no snippet may name a file or folder of the clone.

use std::path::Path;

/// The Rust code blocks of the README.
fn rust_blocks(readme: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let mut rest = readme;
    while let Some(start) = rest.find("```rust\n") {
        let body = &rest[start + "```rust\n".len()..];
        let end = body.find("```").expect("an unclosed code block");
        blocks.push(&body[..end]);
        rest = &body[end..][3..];
    }
    blocks
}

/// The string literals of a block (plain `"..."` ones; escapes kept as written).
fn literals(code: &str) -> Vec<&str> {
    code.split('"').skip(1).step_by(2).collect()
}

#[test]
fn no_readme_snippet_reads_a_path_of_the_clone() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let blocks = rust_blocks(&readme);
    assert!(!blocks.is_empty());
    let mut found = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        for lit in literals(block) {
            let lit = lit.trim();
            if lit.is_empty() || lit.contains('\\') || Path::new(lit).is_absolute() {
                continue;
            }
            if root.join(lit).exists() {
                found.push(format!("block {}: {lit:?}", i + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "README snippets read files of the clone, which a user's crate lacks: {found:?}"
    );
}

#[test]
fn the_blocks_and_literals_are_found() {
    let text = "a\n```rust\nlet x = load(\"data/\");\n```\nb\n```sh\nls\n```\n";
    let blocks = rust_blocks(text);
    assert_eq!(blocks, ["let x = load(\"data/\");\n"]);
    assert_eq!(literals(blocks[0]), ["data/"]);
}
