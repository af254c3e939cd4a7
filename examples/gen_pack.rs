//! Generates a large rule pack for benchmarks: `N` nodes (questions and
//! conclusions) spread over files of at most 1,000 nodes each, as real packs
//! would be (per province, per product). The pack is a complete rule set,
//! loaded with `--no-builtin`:
//!
//!     cargo run --release --example gen_pack -- 100000 /tmp/pack
//!     unsub-doctor --no-builtin --rules /tmp/pack rules check
//!
//! The tree is binary: each question has two choices, and the last level
//! ends in conclusions, so the pack is sound and every node is reachable.

use std::fmt::Write as _;
use std::path::PathBuf;

const PER_FILE: usize = 1_000;

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: gen_pack NODES DIR";
    let nodes: usize = args.next().and_then(|n| n.parse().ok()).expect(usage);
    let dir = PathBuf::from(args.next().expect(usage));
    std::fs::create_dir_all(&dir).expect("the output directory can be created");

    let mut base = String::from("start = \"carrier\"\n");
    for carrier in ["mobile", "unicom", "telecom"] {
        let _ = write!(
            base,
            "\n[[carrier]]\nid = \"{carrier}\"\nname = {{ zh = \"{carrier}\", en = \"{carrier}\" }}\n\
             \n[[fact]]\nid = \"{carrier}.hotline\"\ncarrier = \"{carrier}\"\nchannel = \"hotline\"\nvalue = \"100{}\"\n\
             label = {{ zh = \"热线\", en = \"hotline\" }}\nsource = \"generated\"\nconfidence = \"high\"\nverified = 2026-01-01\n",
            carrier.len()
        );
    }
    base.push_str(
        "\n[[cause]]\nid = \"generated\"\ntitle = { zh = \"生成的原因\", en = \"A generated cause\" }\n\
         \n[[question]]\nid = \"carrier\"\ntext = { zh = \"运营商？\", en = \"Carrier?\" }\nchoices = [\n\
           { value = \"mobile\", label = { zh = \"移动\", en = \"Mobile\" }, next = \"n0\" },\n\
           { value = \"unicom\", label = { zh = \"联通\", en = \"Unicom\" }, next = \"n0\" },\n\
           { value = \"telecom\", label = { zh = \"电信\", en = \"Telecom\" }, next = \"n0\" },\n]\n",
    );
    std::fs::write(dir.join("base.toml"), base).expect("base.toml can be written");

    // Node i has children 2i+1 and 2i+2; nodes without children are conclusions.
    let mut file = String::new();
    let mut file_index = 0;
    for i in 0..nodes {
        let (left, right) = (2 * i + 1, 2 * i + 2);
        if right < nodes {
            let _ = write!(
                file,
                "\n[[question]]\nid = \"n{i}\"\ntext = {{ zh = \"问题 {i}？\", en = \"Question {i}?\" }}\n\
                 help = {{ zh = \"拨打{{hotline}}问。\", en = \"Ask {{hotline}}.\" }}\nchoices = [\n\
                   {{ value = \"a\", label = {{ zh = \"甲\", en = \"A\" }}, next = \"n{left}\" }},\n\
                   {{ value = \"b\", label = {{ zh = \"乙\", en = \"B\" }}, next = \"n{right}\" }},\n]\n"
            );
        } else if left < nodes {
            let _ = write!(
                file,
                "\n[[question]]\nid = \"n{i}\"\ntext = {{ zh = \"问题 {i}？\", en = \"Question {i}?\" }}\nchoices = [\n\
                   {{ value = \"a\", label = {{ zh = \"甲\", en = \"A\" }}, next = \"n{left}\" }},\n\
                   {{ value = \"b\", label = {{ zh = \"乙\", en = \"B\" }}, next = \"n{left}\" }},\n]\n"
            );
        } else {
            let _ = write!(
                file,
                "\n[[conclusion]]\nid = \"n{i}\"\ncause = \"generated\"\n\
                 explanation = {{ zh = \"结论 {i}。\", en = \"Conclusion {i}.\" }}\n\
                 confirm = [{{ zh = \"问客服。\", en = \"Ask the agent.\" }}]\n\
                 script = {{ zh = \"请给我工单号。\", en = \"Please give me a ticket number.\" }}\n\
                 prevention = [{{ zh = \"看清条款。\", en = \"Read the terms.\" }}]\n\
                 [[conclusion.step]]\nchannel = \"hotline\"\ntext = {{ zh = \"拨打{{hotline}}。\", en = \"Call {{hotline}}.\" }}\n"
            );
        }
        if (i + 1) % PER_FILE == 0 || i + 1 == nodes {
            let path = dir.join(format!("part{file_index:04}.toml"));
            std::fs::write(&path, std::mem::take(&mut file)).expect("a part can be written");
            file_index += 1;
        }
    }
}
