//! The decision tree as a diagram: Mermaid for Markdown, DOT for Graphviz.
//! Questions are diamonds, conclusions rounded boxes, edges carry the answer.

use std::collections::{HashSet, VecDeque};
use std::fmt::Write as _;

use crate::lang::Lang;
use crate::tree::{CARRIER_QUESTION, JOIN, Node, Tree, node_id};

/// The diagram language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    Mermaid,
    Dot,
}

/// The diagram of the tree, or of the part a carrier's users walk.
pub fn draw(tree: &Tree, format: GraphFormat, lang: Lang, carrier: Option<usize>) -> String {
    let (nodes, edges) = layout(tree, carrier);
    let label = |node: Node| match node {
        Node::Question(q) => tree.fill(&tree.questions[q].text, lang, carrier),
        Node::Conclusion(c) => {
            let conclusion = &tree.conclusions[c];
            let title = conclusion
                .title
                .as_ref()
                .or(conclusion.cause.map(|k| &tree.causes[k].title));
            title.map(|t| t.get(lang).to_owned()).unwrap_or_default()
        }
    };
    let mut out = String::new();
    match format {
        GraphFormat::Mermaid => {
            out.push_str("flowchart TD\n");
            for &node in &nodes {
                let id = mermaid_id(tree, node);
                let text = mermaid_text(&format!("{}: {}", node_id(tree, node), label(node)));
                let _ = match node {
                    Node::Question(_) => writeln!(out, "  {id}{{\"{text}\"}}"),
                    Node::Conclusion(_) => writeln!(out, "  {id}([\"{text}\"])"),
                };
            }
            for (from, to, text) in &edges {
                let (from, to) = (mermaid_id(tree, *from), mermaid_id(tree, *to));
                let _ = match text {
                    Some(text) => writeln!(out, "  {from} -->|\"{}\"| {to}", mermaid_text(text)),
                    None => writeln!(out, "  {from} --> {to}"),
                };
            }
        }
        GraphFormat::Dot => {
            out.push_str("digraph unsub_doctor {\n  rankdir=TB;\n  node [fontname=\"sans-serif\"];\n  edge [fontname=\"sans-serif\", fontsize=10];\n");
            for &node in &nodes {
                let shape = match node {
                    Node::Question(_) => "shape=diamond",
                    Node::Conclusion(_) => {
                        "shape=box, style=\"rounded,filled\", fillcolor=\"#fff3c4\""
                    }
                };
                let text = dot_text(&format!("{}\n{}", node_id(tree, node), label(node)));
                let _ = writeln!(
                    out,
                    "  \"{}\" [{shape}, label=\"{text}\"];",
                    dot_id(tree, node)
                );
            }
            for (from, to, text) in &edges {
                let (from, to) = (dot_id(tree, *from), dot_id(tree, *to));
                let _ = match text {
                    Some(text) => writeln!(
                        out,
                        "  \"{from}\" -> \"{to}\" [label=\"{}\"];",
                        dot_text(text)
                    ),
                    None => writeln!(out, "  \"{from}\" -> \"{to}\";"),
                };
            }
            out.push_str("}\n");
        }
    }
    out
}

type Edge = (Node, Node, Option<String>);

/// The nodes reachable from the start, in breadth-first order, and the
/// edges between them, labelled with the choice value (what `--answers`
/// takes), so the diagram doubles as a map of the answer vocabulary.
fn layout(tree: &Tree, carrier: Option<usize>) -> (Vec<Node>, Vec<Edge>) {
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let mut seen = HashSet::from([tree.start]);
    let mut queue = VecDeque::from([tree.start]);
    while let Some(node) = queue.pop_front() {
        nodes.push(node);
        let mut next: Vec<(Node, Option<String>)> = Vec::new();
        match node {
            // Every set goes one way: one edge, labelled with the values a
            // set is made of, joined as `--answers` joins them.
            Node::Question(q) if tree.questions[q].multiple => {
                let question = &tree.questions[q];
                let values: Vec<&str> = question.choices.iter().map(|c| c.value.as_str()).collect();
                next.extend(
                    question
                        .next
                        .map(|n| (n, Some(values.join(&JOIN.to_string())))),
                );
            }
            Node::Question(q) => {
                let question = &tree.questions[q];
                for choice in &question.choices {
                    let other_carrier = question.id == CARRIER_QUESTION
                        && carrier.is_some()
                        && tree.carrier_index(&choice.value) != carrier;
                    if let (Some(to), false) = (choice.next, other_carrier) {
                        next.push((to, Some(choice.value.clone())));
                    }
                }
            }
            Node::Conclusion(c) => next.extend(tree.conclusions[c].next.map(|n| (n, None))),
        }
        for (to, text) in next {
            edges.push((node, to, text));
            if seen.insert(to) {
                queue.push_back(to);
            }
        }
    }
    (nodes, edges)
}

fn mermaid_id(tree: &Tree, node: Node) -> String {
    // Prefixed so that ids such as `end` are never Mermaid keywords.
    let kind = match node {
        Node::Question(_) => 'q',
        Node::Conclusion(_) => 'c',
    };
    let id = node_id(tree, node);
    if id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return format!("{kind}_{id}");
    }
    // Mermaid names are ASCII letters, digits and `_`. Any other id is
    // spelled out, every other character as `_hex_` and `_` as `__`, under
    // its own prefix: no two ids share a name (mapping them all to `_`
    // merged `结论-1` and `结论_1` into one node).
    let mut name = format!("{kind}x_");
    for c in id.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' => name.push(c),
            '_' => name.push_str("__"),
            _ => name.push_str(&format!("_{:x}_", u32::from(c))),
        }
    }
    name
}

/// Mermaid labels are quoted; a quote inside is written as an entity.
fn mermaid_text(text: &str) -> String {
    text.replace('"', "#quot;").replace('\n', " ")
}

fn dot_id(tree: &Tree, node: Node) -> String {
    match node {
        Node::Question(_) => format!("q:{}", node_id(tree, node)),
        Node::Conclusion(_) => format!("c:{}", node_id(tree, node)),
    }
    .replace(['"', '\\'], "_")
}

fn dot_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}
