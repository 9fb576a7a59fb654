//! What the benchmarks share: a generated library on disk, as text files
//! or as saved web pages.

#[path = "../../examples/gen-corpus/generator.rs"]
pub mod generator;

use std::path::PathBuf;

/// A generated library of `n` articles (seed 1), written once to a
/// temporary folder and kept there for later runs.
pub fn library_dir(n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("briefing-bench-lib-{n}-seed1"));
    if !dir.join(format!("{:06}.txt", n - 1)).is_file() {
        std::fs::create_dir_all(&dir).expect("bench folder");
        let world = generator::World::new(1);
        for i in 0..n {
            std::fs::write(dir.join(format!("{i:06}.txt")), world.article(1, i))
                .expect("write article");
        }
    }
    dir
}

/// The generated library of `n` articles as saved web pages: each
/// article's blocks as HTML headings, list items and paragraphs, inside a
/// page with a cookie banner, navigation, share links, related links,
/// comments and a footer.
pub fn html_library_dir(n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("briefing-bench-html-{n}-seed1"));
    if !dir.join(format!("{:06}.html", n - 1)).is_file() {
        std::fs::create_dir_all(&dir).expect("bench folder");
        let world = generator::World::new(1);
        for i in 0..n {
            std::fs::write(dir.join(format!("{i:06}.html")), page(&world.article(1, i)))
                .expect("write page");
        }
    }
    dir
}

fn page(text: &str) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut body = String::new();
    let mut title = String::new();
    for block in text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        if title.is_empty() {
            // The generator's first line is the title.
            title = escape(block.trim_start_matches("# "));
            body.push_str(&format!("<h1>{title}</h1>\n"));
        } else if let Some(h) = block.strip_prefix("## ") {
            body.push_str(&format!("<h2>{}</h2>\n", escape(h)));
        } else if block.starts_with("- ") {
            body.push_str("<ul>\n");
            for item in block.lines() {
                body.push_str(&format!(
                    "  <li>{}</li>\n",
                    escape(item.trim_start_matches("- "))
                ));
            }
            body.push_str("</ul>\n");
        } else {
            body.push_str(&format!("<p>\n      {}\n    </p>\n", escape(block)));
        }
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Policy Wire</title>
<meta property="og:title" content="{title}">
<style>body {{ font-family: serif }}</style>
<script>window.dataLayer = window.dataLayer || [];</script></head>
<body>
<div class="cookie-banner"><p>We use cookies.</p><button>Accept</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/energy">Energy</a></li></ul></nav></header>
<main><article>
<div class="share"><a href="/s1">Share</a> <a href="/s2">Tweet</a> <a href="/s3">Email</a></div>
{body}
<aside class="related"><ul><li><a href="/a">Another story</a></li><li><a href="/b">A second story</a></li><li><a href="/c">A third story</a></li></ul></aside>
</article>
<section id="comments"><h2>Comments</h2><p>First!</p></section></main>
<footer><p>All rights reserved.</p></footer>
</body></html>
"#
    )
}
