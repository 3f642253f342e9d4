//! The layering of src/ as a test: no module refers to a higher layer, and no two sibling
//! modules use each other (directly or round a loop), so a backend or a screen can change
//! without dragging the rest along. Run with `--nocapture` to see the drawing.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Bottom to top. A module may use its own layer's modules (siblings, checked for cycles)
/// and any layer below, never one above.
const LAYERS: &[(&str, &[&str])] = &[
    ("domain", &["domain"]),
    ("forms", &["forms"]),
    ("store / export", &["store", "export"]),
    ("service (+ demo seeding)", &["service", "demo"]),
    ("tui / cli", &["tui", "cli"]),
    ("bin (main.rs)", &["main"]),
];

const DRAWING: &str = r"
  main.rs (bin)
      |
  cli (thin: flags, text and JSON out) ----> tui (screens, keys, strings)
      \                                      /
       service (every use case once)  +  demo (seeding through service)
      /            |            \
  store (SQL)   export (md/html/pdf)
      \            |
       forms (definitions, conditions, validation)
           |
       domain (pure: bsn, money, dates, ladder, signals, contract, resident)
";

type ModPath = Vec<String>;

#[derive(Debug, Clone)]
struct Reference {
    from_file: PathBuf,
    line: usize,
    text: String,
    target: ModPath,
}

fn layer_of(module: &ModPath) -> Option<usize> {
    let top = module.first()?;
    LAYERS
        .iter()
        .position(|(_, members)| members.contains(&top.as_str()))
}

fn layer_name(i: usize) -> &'static str {
    LAYERS[i].0
}

/// The module a file defines: src/lib.rs is the root, src/main.rs is `main`.
fn module_of(src: &Path, file: &Path) -> ModPath {
    let rel = file.strip_prefix(src).unwrap_or(file);
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs").to_string();
    match stem.as_str() {
        "lib" if parts.is_empty() => {}
        "mod" => {}
        _ => parts.push(stem),
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Path, // `::`
    Open,
    Close,
    Comma,
    Semi,
    Star,
    Other,
}

/// Identifiers and the punctuation that matters for paths, with line numbers; comments,
/// strings and character literals are skipped so that a path in a message is no edge.
fn tokens(source: &str) -> Vec<(Tok, usize)> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    let n = chars.len();
    let count_lines =
        |from: usize, to: usize| chars[from..to].iter().filter(|&&c| c == '\n').count();
    while i < n {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < n && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            let start = i;
            let mut depth = 0;
            while i < n {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            line += count_lines(start, i.min(n));
        } else if c == 'r' && matches!(chars.get(i + 1), Some('"') | Some('#')) && {
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                j += 1;
            }
            chars.get(j) == Some(&'"')
        } {
            // Raw string: r#"..."#
            let start = i;
            let mut hashes = 0;
            i += 1;
            while chars[i] == '#' {
                hashes += 1;
                i += 1;
            }
            i += 1;
            'raw: while i < n {
                if chars[i] == '"' {
                    let mut k = 0;
                    while k < hashes && chars.get(i + 1 + k) == Some(&'#') {
                        k += 1;
                    }
                    if k == hashes {
                        i += 1 + hashes;
                        break 'raw;
                    }
                }
                i += 1;
            }
            line += count_lines(start, i.min(n));
        } else if c == '"' || (c == 'b' && chars.get(i + 1) == Some(&'"')) {
            let start = i;
            i += if c == 'b' { 2 } else { 1 };
            while i < n && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            line += count_lines(start, i.min(n));
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{..}') or a lifetime ('a).
            if chars.get(i + 1) == Some(&'\\') {
                i += 2;
                while i < n && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < n && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push((Tok::Ident(chars[start..i].iter().collect()), line));
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push((Tok::Path, line));
            i += 2;
        } else {
            out.push((
                match c {
                    '{' => Tok::Open,
                    '}' => Tok::Close,
                    ',' => Tok::Comma,
                    ';' => Tok::Semi,
                    '*' => Tok::Star,
                    _ => Tok::Other,
                },
                line,
            ));
            i += 1;
        }
    }
    out
}

/// Expands a use tree starting at `toks[*i]` into full paths (a `{a, b::c}` group gives
/// one path per leaf; `self` in a group is the prefix itself).
fn use_tree(toks: &[(Tok, usize)], i: &mut usize, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let mut path = prefix.to_vec();
    while *i < toks.len() {
        match &toks[*i].0 {
            Tok::Ident(s) if s == "as" => {
                *i += 2;
            }
            Tok::Ident(s) if s == "self" && !path.is_empty() => {
                *i += 1;
            }
            Tok::Ident(s) => {
                path.push(s.clone());
                *i += 1;
            }
            Tok::Path | Tok::Star => *i += 1,
            Tok::Open => {
                *i += 1;
                loop {
                    use_tree(toks, i, &path, out);
                    match toks.get(*i).map(|t| &t.0) {
                        Some(Tok::Comma) => *i += 1,
                        Some(Tok::Close) => {
                            *i += 1;
                            break;
                        }
                        _ => break,
                    }
                }
                return;
            }
            _ => break,
        }
    }
    out.push(path);
}

/// Every `crate::…`, `super::…`, `self::…` (in `use`) and, in main.rs, `meedoen::…` path of
/// a file, resolved to absolute module paths (still with item names at the end).
fn references(file: &Path, module: &ModPath, source: &str) -> Vec<Reference> {
    let toks = tokens(source);
    let is_main = module.first().is_some_and(|m| m == "main") && module.len() == 1;
    let mut out = Vec::new();
    // Brace depths at which an inline `mod name {` opened: `super::` first leaves those.
    let mut inline_mods: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let resolve = |path: &[String], inline: usize| -> Option<ModPath> {
        let first = path.first()?;
        if first == "crate" || (is_main && first == "meedoen") {
            return Some(path[1..].to_vec());
        }
        if is_main {
            return None;
        }
        if first == "super" {
            let supers = path.iter().take_while(|s| *s == "super").count();
            if supers <= inline {
                // Inside an inline module (tests): its parent is this very file.
                return None;
            }
            let up = supers - inline;
            if up > module.len() {
                return None;
            }
            let mut abs = module[..module.len() - up].to_vec();
            abs.extend(path[supers..].iter().cloned());
            return Some(abs);
        }
        if first == "self" && inline == 0 {
            let mut abs = module.clone();
            abs.extend(path[1..].iter().cloned());
            return Some(abs);
        }
        None
    };
    while i < toks.len() {
        let (tok, line) = &toks[i];
        match tok {
            Tok::Open => {
                depth += 1;
                i += 1;
            }
            Tok::Close => {
                if inline_mods.last() == Some(&depth) {
                    inline_mods.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            Tok::Ident(s) if s == "mod" => {
                if let (Some((Tok::Ident(_), _)), Some((Tok::Open, _))) =
                    (toks.get(i + 1), toks.get(i + 2))
                {
                    inline_mods.push(depth + 1);
                }
                i += 1;
            }
            Tok::Ident(s) if s == "use" && (i == 0 || toks[i - 1].0 != Tok::Path) => {
                i += 1;
                let mut paths = Vec::new();
                use_tree(&toks, &mut i, &[], &mut paths);
                for p in paths {
                    if let Some(target) = resolve(&p, inline_mods.len()) {
                        out.push(Reference {
                            from_file: file.to_path_buf(),
                            line: *line,
                            text: p.join("::"),
                            target,
                        });
                    }
                }
            }
            Tok::Ident(s)
                if (s == "crate" || s == "super" || (is_main && s == "meedoen"))
                    && toks.get(i + 1).map(|t| &t.0) == Some(&Tok::Path)
                    && (i == 0 || toks[i - 1].0 != Tok::Path) =>
            {
                let mut p = vec![s.clone()];
                let mut j = i + 1;
                while let (Some((Tok::Path, _)), Some((Tok::Ident(next), _))) =
                    (toks.get(j), toks.get(j + 1))
                {
                    p.push(next.clone());
                    j += 2;
                }
                if let Some(target) = resolve(&p, inline_mods.len()) {
                    out.push(Reference {
                        from_file: file.to_path_buf(),
                        line: *line,
                        text: p.join("::"),
                        target,
                    });
                }
                i = j;
            }
            _ => i += 1,
        }
    }
    out
}

/// The longest known module that `path` starts with (the rest are item names).
fn owning_module(path: &ModPath, modules: &BTreeSet<ModPath>) -> ModPath {
    (0..=path.len())
        .rev()
        .map(|k| path[..k].to_vec())
        .find(|p| modules.contains(p))
        .unwrap_or_default()
}

struct Graph {
    /// (from module, to module, reference) for every reference to another module.
    edges: Vec<(ModPath, ModPath, Reference)>,
}

fn graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut modules: BTreeSet<ModPath> = files.iter().map(|f| module_of(src, f)).collect();
    modules.insert(Vec::new());
    let mut edges = Vec::new();
    for file in &files {
        let module = module_of(src, file);
        let source = fs::read_to_string(file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        for r in references(file, &module, &source) {
            let to = owning_module(&r.target, &modules);
            if to != module {
                edges.push((module.clone(), to, r));
            }
        }
    }
    Graph { edges }
}

fn show(m: &ModPath) -> String {
    if m.is_empty() {
        "crate".to_string()
    } else {
        m.join("::")
    }
}

fn rel(src: &Path, file: &Path) -> String {
    let root = src.parent().unwrap_or(src);
    file.strip_prefix(root)
        .unwrap_or(file)
        .display()
        .to_string()
}

/// Rule (a): every reference points to the same layer or one below.
fn layer_violations(src: &Path, g: &Graph) -> Vec<String> {
    let mut problems = Vec::new();
    for (from, to, r) in &g.edges {
        if to.is_empty() {
            continue;
        }
        let (Some(lf), Some(lt)) = (layer_of(from), layer_of(to)) else {
            let unknown = if layer_of(from).is_none() { from } else { to };
            problems.push(format!(
                "{}:{}: module `{}` has no layer; add its top-level name to LAYERS in tests/layering.rs",
                rel(src, &r.from_file),
                r.line,
                show(unknown)
            ));
            continue;
        };
        if lt > lf {
            problems.push(format!(
                "{}:{}: `{}` ({}) uses `{}` from `{}` ({}), a higher layer",
                rel(src, &r.from_file),
                r.line,
                show(from),
                layer_name(lf),
                r.text,
                show(to),
                layer_name(lt)
            ));
        }
    }
    problems
}

/// The child of `parent` that contains `m`.
fn child_of(parent: &[String], m: &ModPath) -> ModPath {
    m[..parent.len() + 1].to_vec()
}

/// Rule (b): in each folder, the graph of "child uses sibling" has no cycle. A use of an
/// ancestor (`super::`) or of one's own descendant is no sibling edge.
fn sibling_cycles(src: &Path, g: &Graph) -> Vec<String> {
    // parent -> (child -> (sibling -> first reference))
    let mut by_parent: BTreeMap<ModPath, BTreeMap<ModPath, BTreeMap<ModPath, Reference>>> =
        BTreeMap::new();
    for (from, to, r) in &g.edges {
        let common = from
            .iter()
            .zip(to.iter())
            .take_while(|(a, b)| a == b)
            .count();
        if common == from.len() || common == to.len() {
            continue;
        }
        let parent = from[..common].to_vec();
        let a = child_of(&parent, from);
        let b = child_of(&parent, to);
        by_parent
            .entry(parent)
            .or_default()
            .entry(a)
            .or_default()
            .entry(b)
            .or_insert_with(|| r.clone());
    }
    let mut problems = Vec::new();
    for (parent, adj) in &by_parent {
        let mut reported: BTreeSet<ModPath> = BTreeSet::new();
        for start in adj.keys() {
            if reported.contains(start) {
                continue;
            }
            let Some(cycle) = find_cycle(start, adj) else {
                continue;
            };
            // Everything entangled with `start` (its strongly connected component).
            let from_start = reachable(start, adj);
            let tangle: BTreeSet<ModPath> = from_start
                .iter()
                .filter(|m| reachable(m, adj).contains(start))
                .cloned()
                .collect();
            reported.extend(tangle.iter().cloned());
            let names: Vec<String> = cycle
                .iter()
                .chain(cycle.first())
                .map(|m| m.last().cloned().unwrap_or_default())
                .collect();
            let mut text = format!(
                "cycle between siblings in `{}`: {}",
                show(parent),
                names.join(" -> ")
            );
            if tangle.len() > cycle.len() {
                let all: Vec<String> = tangle
                    .iter()
                    .map(|m| m.last().cloned().unwrap_or_default())
                    .collect();
                text.push_str(&format!(" (entangled: {})", all.join(", ")));
            }
            for w in cycle.iter().zip(cycle.iter().cycle().skip(1)) {
                if let Some(r) = adj.get(w.0).and_then(|m| m.get(w.1)) {
                    text.push_str(&format!(
                        "\n    {}:{} uses `{}`",
                        rel(src, &r.from_file),
                        r.line,
                        r.text
                    ));
                }
            }
            problems.push(text);
        }
    }
    problems
}

fn reachable(
    start: &ModPath,
    adj: &BTreeMap<ModPath, BTreeMap<ModPath, Reference>>,
) -> BTreeSet<ModPath> {
    let mut seen = BTreeSet::from([start.clone()]);
    let mut todo = vec![start.clone()];
    while let Some(m) = todo.pop() {
        for next in adj.get(&m).map(|n| n.keys()).into_iter().flatten() {
            if seen.insert(next.clone()) {
                todo.push(next.clone());
            }
        }
    }
    seen
}

/// A shortest cycle through `start`, if any (breadth-first back to `start`).
fn find_cycle(
    start: &ModPath,
    adj: &BTreeMap<ModPath, BTreeMap<ModPath, Reference>>,
) -> Option<Vec<ModPath>> {
    let mut came_from: BTreeMap<ModPath, ModPath> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start.clone()]);
    while let Some(m) = queue.pop_front() {
        for next in adj.get(&m).map(|n| n.keys()).into_iter().flatten() {
            if next == start {
                let mut path = vec![m.clone()];
                let mut at = m.clone();
                while let Some(prev) = came_from.get(&at) {
                    path.push(prev.clone());
                    at = prev.clone();
                }
                path.reverse();
                return Some(path);
            }
            if next != start && !came_from.contains_key(next) {
                came_from.insert(next.clone(), m.clone());
                queue.push_back(next.clone());
            }
        }
    }
    None
}

fn summary(g: &Graph) -> String {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (from, to, _) in &g.edges {
        let (Some(a), Some(b)) = (from.first(), to.first()) else {
            continue;
        };
        if a != b {
            *counts.entry((a.clone(), b.clone())).or_default() += 1;
        }
    }
    counts
        .iter()
        .map(|((a, b), n)| format!("  {a:>8} -> {b:<8} {n:>4} references"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_module_uses_a_higher_layer_and_no_siblings_use_each_other() {
    let src = src_dir();
    let g = graph(&src);
    println!("Layers (arrows point down):{DRAWING}");
    println!("References between top-level modules:\n{}\n", summary(&g));
    let mut problems = layer_violations(&src, &g);
    problems.extend(sibling_cycles(&src, &g));
    assert!(
        problems.is_empty(),
        "the layering is broken ({} problems):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The checker itself: a planted upward use and a planted sibling cycle are both found,
/// and a child's use of its parent, a path in a string and a test module's `super::*` are not.
#[test]
fn the_checker_finds_an_upward_use_and_a_sibling_cycle() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("src");
    let write = |rel: &str, text: &str| {
        let p = src.join(rel);
        fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        fs::write(p, text).expect("write");
    };
    write("lib.rs", "pub mod domain; pub mod store; pub mod tui;");
    write(
        "domain/mod.rs",
        "pub mod a;\nuse crate::store::Store;\nconst S: &str = \"crate::tui::x\";",
    );
    write(
        "domain/a.rs",
        "use super::b::X;\nuse super::Thing;\n#[cfg(test)]\nmod tests { use super::*; }",
    );
    write("domain/b.rs", "pub fn f() { crate::domain::a::g(); }");
    write("store/mod.rs", "use crate::{domain::{self, a}, tui};");
    write("tui/mod.rs", "pub mod app;\n");
    write(
        "tui/app.rs",
        "use super::super::domain::a;\n// use crate::cli::x;\n",
    );
    let g = graph(&src);
    let layers = layer_violations(&src, &g);
    assert_eq!(layers.len(), 2, "{layers:#?}");
    assert!(layers[0].contains("src/domain/mod.rs:2"), "{layers:#?}");
    assert!(layers[0].contains("crate::store::Store"), "{layers:#?}");
    assert!(layers[1].contains("src/store/mod.rs:1") && layers[1].contains("crate::tui"));
    let cycles = sibling_cycles(&src, &g);
    assert_eq!(cycles.len(), 2, "{cycles:#?}");
    assert!(
        cycles
            .iter()
            .any(|c| c.contains("in `domain`: a -> b -> a")),
        "{cycles:#?}"
    );
    assert!(
        cycles
            .iter()
            .any(|c| c.contains("in `crate`: domain -> store -> domain")),
        "{cycles:#?}"
    );
}

/// The front ends and the demo hold no transaction: a use case that writes more than once
/// is one service function, so a second backend needs its transactions in one place.
#[test]
fn only_the_service_and_the_store_open_transactions() {
    let src = src_dir();
    let mut files = Vec::new();
    for dir in ["tui", "cli", "demo"] {
        rust_files(&src.join(dir), &mut files);
    }
    let mut found = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for call in [".transaction(", ".bulk(", ".bulk_load("] {
                if code.replace(' ', "").contains(call) {
                    found.push(format!("{}:{}: {}", rel(&src, file), i + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "transactions outside src/service and src/store (make them one service function):\n{}",
        found.join("\n")
    );
}
