use std::path::PathBuf;

use briefing::analysis::{Analysis, Settings};
use briefing::corpus::Article;

/// A small deterministic generator, so the library is the same every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

/// Articles on 30 themes, each theme with its own vocabulary, plus words
/// every article uses.
fn library(articles: usize) -> Vec<Article> {
    let mut rng = Lcg(7);
    let shared = [
        "policy",
        "government",
        "security",
        "region",
        "analysis",
        "officials",
        "strategy",
        "cooperation",
    ];
    (0..articles)
        .map(|i| {
            let theme = i % 30;
            let vocab: Vec<String> = (0..40).map(|w| format!("t{theme}w{w}x")).collect();
            let mut text = format!("Report number {i} on theme {theme}\n");
            for _ in 0..6 {
                let mut para = Vec::new();
                for _ in 0..4 {
                    let mut words: Vec<String> = (0..12)
                        .map(|k| {
                            if k % 4 == 0 {
                                shared[rng.next(shared.len())].to_string()
                            } else {
                                vocab[rng.next(vocab.len())].clone()
                            }
                        })
                        .collect();
                    words[0] = format!("The {}", words[0]);
                    para.push(format!("{}.", words.join(" ")));
                }
                text.push_str(&para.join(" "));
                text.push('\n');
            }
            Article::new(
                i,
                PathBuf::from(format!("{i}.txt")),
                format!("{i}.txt"),
                text,
            )
            .0
        })
        .collect()
}

#[test]
fn a_few_hundred_articles_are_analysed_through_the_index() {
    let arts = library(300);
    let settings = Settings::default();
    let a = Analysis::compute(&arts, &settings);
    let stats = a.stats();
    assert_eq!(stats.passages, 300 * 6);
    let all_pairs = stats.passages * stats.passages;
    assert!(stats.candidate_pairs > 0);
    assert!(
        stats.candidate_pairs * 10 < all_pairs,
        "{} candidate pairs of {all_pairs}",
        stats.candidate_pairs
    );
    assert!(stats.links > 0);
    for (i, art) in arts.iter().enumerate() {
        assert!((3..=7).contains(&a.key_points(i).len()));
        for (b, _) in art.blocks.iter().enumerate() {
            let links = a.links_for(i, b);
            assert!(links.len() <= settings.max_links_per_passage);
            // Passages only share vocabulary within a theme.
            assert!(links
                .iter()
                .all(|l| l.article != i && l.article % 30 == i % 30));
        }
        assert!(
            a.related(i).iter().all(|&(j, _)| j % 30 == i % 30),
            "{:?}",
            a.related(i)
        );
    }
}
