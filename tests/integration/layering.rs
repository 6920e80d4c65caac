//! The layering of the library, kept by a test: every `crate::` path in `src/` (imports and
//! fully qualified paths alike) must point down the layers, the readers must not reach into one
//! another, and no files may form an import circle. See docs/ARCHITECTURE.md.
//!
//! ```text
//! cli ─► workflow ─► report ─► gate ─► model ─► files
//!            └─► readers: checklist, config, ledger, probe, baseline, history ─► model, files
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::support::root;

/// The rank of each top-level module of the library: a module may use only lower ranks (and
/// itself). The readers share a rank, so none may use another.
fn rank(module: &str) -> Option<u8> {
    Some(match module {
        "hash" => 0,
        "error" | "context" => 1,
        "files" => 2,
        "model" => 3,
        "checklist" | "config" | "ledger" | "probe" | "baseline" | "history" | "fleet" => 4,
        "gate" => 5,
        "report" => 6,
        "workflow" => 7,
        _ => return None,
    })
}

/// The readers: only the workflow may use them (and tests), so evaluation and reports never
/// depend on how a file was read.
const READERS: [&str; 7] = [
    "checklist",
    "config",
    "ledger",
    "probe",
    "baseline",
    "history",
    "fleet",
];

/// What the binary (`main.rs`, `cli/`) may use of the library.
const BINARY_MAY_USE: [&str; 5] = ["workflow", "Context", "Error", "Location", "Result"];

struct Source {
    /// The path from the repository root, as messages show it.
    shown: String,
    /// `probe::kind::http` for `src/probe/kind/http.rs`; empty for `lib.rs`.
    module: Vec<String>,
    text: String,
}

fn sources() -> Vec<(PathBuf, Source)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = root().join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(&src).expect("under src");
            let mut module: Vec<String> = relative
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if module == ["lib"] || module == ["main"] {
                module.clear();
            }
            let text = std::fs::read_to_string(&path).expect("source is UTF-8");
            let shown = path
                .strip_prefix(root())
                .unwrap_or(&path)
                .display()
                .to_string();
            (
                path,
                Source {
                    shown,
                    module,
                    text,
                },
            )
        })
        .collect()
}

/// The code of a file without comments, string literals and its unit tests (the
/// `#[cfg(test)]` module at the end, which may build inputs with a reader), so that prose about
/// `crate::x` is not taken for a path.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if c == '"' && !escaped {
                        break;
                    }
                    escaped = c == '\\' && !escaped;
                }
                out.push_str("\"\"");
            }
            other => out.push(other),
        }
    }
    // Raw strings (`r"…"`, `r#"…"#`) start with an `r` the pass above left behind; their
    // contents were removed as ordinary strings, which is enough for paths.
    out
}

/// Every path starting with `prefix` (`crate::`, `ready_gate::`): the segments that follow, and
/// for `use prefix::{a, b::c}` each member.
fn paths(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for member in group[..end].split(',') {
                let segments = segments(member.trim());
                if !segments.is_empty() {
                    found.push(segments);
                }
            }
        } else {
            let segments = segments(rest);
            if !segments.is_empty() {
                found.push(segments);
            }
        }
    }
    found
}

fn segments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        out.push(rest[..end].to_owned());
        match rest[end..].strip_prefix("::") {
            Some(next) if !next.starts_with('{') => rest = next,
            Some(group) => {
                // `crate::a::{b, c}`: the module is `a`; the members do not change the layer.
                let _ = group;
                break;
            }
            None => break,
        }
    }
    out
}

#[test]
fn crate_paths_point_down_the_layers() {
    let mut wrong = Vec::new();
    for (_, source) in sources() {
        let shown = source.shown.as_str();
        let code = code(&source.text);
        let Some(own) = source.module.first() else {
            continue;
        };
        if own == "cli" {
            for used in paths(&code, "ready_gate::") {
                if !BINARY_MAY_USE.contains(&used[0].as_str()) {
                    wrong.push(format!(
                        "{shown}: the binary uses ready_gate::{}",
                        used.join("::")
                    ));
                }
            }
            continue;
        }
        let own_rank = rank(own).unwrap_or_else(|| panic!("{shown}: {own} has no layer"));
        for used in paths(&code, "crate::") {
            let target = &used[0];
            if target == own {
                continue;
            }
            let Some(target_rank) = rank(target) else {
                wrong.push(format!("{shown}: crate::{target} is no module of a layer"));
                continue;
            };
            if READERS.contains(&target.as_str()) && own != "workflow" {
                wrong.push(format!(
                    "{shown}: {own} uses the reader crate::{}; only the workflow may",
                    used.join("::")
                ));
            } else if target_rank >= own_rank {
                wrong.push(format!(
                    "{shown}: {own} (layer {own_rank}) uses crate::{} (layer {target_rank})",
                    used.join("::")
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "paths against the layering:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn each_concern_stays_in_its_place() {
    let rules: [(&str, &[&str], &[&str]); 4] = [
        (
            "reads the environment",
            &["std::env::var", "env::vars"],
            &["src/context.rs"],
        ),
        (
            "is asynchronous",
            &["async fn", ".await", "tokio::"],
            &["src/probe"],
        ),
        (
            "sees clap",
            &["clap::", "clap_complete", "clap_mangen"],
            &["src/cli", "src/main.rs"],
        ),
        ("sees anyhow", &["anyhow"], &["src/cli", "src/main.rs"]),
    ];
    let mut wrong = Vec::new();
    for (_, source) in sources() {
        let shown = source.shown.as_str();
        let code = code(&source.text);
        for (what, needles, allowed) in rules {
            if allowed.iter().any(|a| shown.starts_with(a)) {
                continue;
            }
            for needle in needles {
                if code.contains(needle) {
                    wrong.push(format!("{shown} {what} ({needle})"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "out of place:\n{}", wrong.join("\n"));
}

#[test]
fn no_files_form_an_import_circle() {
    let sources = sources();
    let modules: BTreeSet<Vec<String>> = sources.iter().map(|(_, s)| s.module.clone()).collect();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (_, source) in &sources {
        if source.module.first().is_some_and(|m| m == "cli") || source.module.is_empty() {
            continue;
        }
        let code = code(&source.text);
        let mut targets: Vec<Vec<String>> = paths(&code, "crate::");
        // Children named by their own `mod` declarations: `engine::run` in probe.rs.
        for line in code.lines() {
            let line = line
                .trim_start_matches("pub(crate) ")
                .trim_start_matches("pub ");
            if let Some(child) = line.strip_prefix("mod ").and_then(|l| l.strip_suffix(';')) {
                let mut path = source.module.clone();
                path.push(child.to_owned());
                let needle = format!("{child}::");
                if code.contains(&needle) {
                    targets.push(path);
                }
            }
        }
        for target in targets {
            // The longest prefix that is a file of its own.
            let file = (1..=target.len())
                .rev()
                .map(|n| target[..n].to_vec())
                .find(|prefix| modules.contains(prefix));
            let Some(file) = file else { continue };
            let is_ancestor = source.module.starts_with(&file);
            let is_child =
                file.len() == source.module.len() + 1 && file.starts_with(&source.module);
            // A module using what its parent re-exports, or a parent declaring its children,
            // is the module tree itself, not an import circle.
            if file != source.module && !is_ancestor && !is_child {
                edges.entry(source.module.clone()).or_default().insert(file);
            }
        }
    }
    let mut state = BTreeMap::new();
    for node in edges.keys() {
        if !state.contains_key(node) {
            let mut stack = Vec::new();
            if let Some(circle) = visit(node, &edges, &mut state, &mut stack) {
                let names: Vec<String> = circle.iter().map(|m| m.join("::")).collect();
                panic!("import circle: {}", names.join(" -> "));
            }
        }
    }
    assert!(
        edges.len() > 20,
        "the graph was read: {} files with imports",
        edges.len()
    );
}

/// Depth-first search for a back edge: the circle it closes, if any.
fn visit(
    node: &[String],
    edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    state: &mut BTreeMap<Vec<String>, u8>,
    stack: &mut Vec<Vec<String>>,
) -> Option<Vec<Vec<String>>> {
    state.insert(node.to_vec(), 1);
    stack.push(node.to_vec());
    for next in edges.get(node).into_iter().flatten() {
        match state.get(next) {
            Some(1) => {
                let start = stack.iter().position(|n| n == next).unwrap_or(0);
                let mut circle = stack[start..].to_vec();
                circle.push(next.clone());
                return Some(circle);
            }
            Some(_) => {}
            None => {
                if let Some(circle) = visit(next, edges, state, stack) {
                    return Some(circle);
                }
            }
        }
    }
    stack.pop();
    state.insert(node.to_vec(), 2);
    None
}

#[test]
fn the_check_itself_sees_a_wrong_path() {
    let code = code(
        "use crate::gate::Verdict; // crate::report in a comment\nlet s = \"crate::workflow\";\n",
    );
    assert_eq!(
        paths(&code, "crate::"),
        vec![vec!["gate".to_owned(), "Verdict".to_owned()]]
    );
    let grouped = paths("use crate::{files, model::Span};", "crate::");
    assert_eq!(
        grouped,
        vec![
            vec!["files".to_owned()],
            vec!["model".to_owned(), "Span".to_owned()]
        ]
    );
}
