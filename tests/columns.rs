//! Text for people wrapped to `COLUMNS` when it goes to a pipe, as it is
//! to the terminal's width: within the width, every URL whole.

mod common;

use common::{run, run_with_env};

/// `COLUMNS` wraps text that goes to a pipe too (the full page, which shows
/// the sources' addresses): every line fits but a
/// URL's, every URL stays whole, nothing is lost. A bad `COLUMNS` is ignored.
#[test]
fn columns_wraps_piped_text_and_keeps_urls_whole() {
    let args = [
        "--full",
        "--answers",
        "carrier=unicom,tried=none,symptom=not_ordered",
    ];
    let unwrapped = run(&args);
    assert_eq!(unwrapped.code, 0, "{}", unwrapped.stderr);
    let urls: Vec<&str> = unwrapped
        .stdout
        .split(|c: char| c.is_whitespace() || c == '。')
        .filter(|w| w.starts_with("http"))
        .collect();
    assert!(urls.len() > 3, "{}", unwrapped.stdout);
    for bad in ["0", "-5", "wide", ""] {
        let ignored = run_with_env(&args, &[("COLUMNS", bad)]);
        assert_eq!(ignored.stdout, unwrapped.stdout, "COLUMNS={bad}");
    }

    let wrapped = run_with_env(&args, &[("COLUMNS", "60")]).stdout;
    assert!(wrapped.lines().count() > unwrapped.stdout.lines().count());
    for line in wrapped.lines() {
        let only_a_url = line.trim().starts_with("http") && !line.trim().contains(' ');
        assert!(
            textwrap::core::display_width(line) <= 60 || only_a_url,
            "{line:?}"
        );
    }
    for url in urls {
        assert!(
            wrapped.lines().any(|l| l.contains(url)),
            "{url}:\n{wrapped}"
        );
    }
    // Nothing is lost to the wrapping; the closing recap is cut to one line
    // an action by design, so the text is compared up to it.
    let body = |text: &str| {
        let end = text.find("再说一遍").unwrap_or(text.len());
        text[..end].split_whitespace().collect::<String>()
    };
    assert_eq!(body(&wrapped), body(&unwrapped.stdout));
}
