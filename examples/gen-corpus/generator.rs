//! A deterministic generator of briefing-like articles for benchmarks.
//!
//! Articles have a title, paragraphs of varied length, some headings and
//! bullet lists, and now and then an opening "Key takeaways" list. Words
//! follow a Zipf-like distribution over a large synthetic vocabulary with
//! real policy words at its head; each article leans on the words of one
//! of many themes, and mentions a few named topics (multi-word names, some
//! with acronyms that are spelt out on first use) shared with other
//! articles. The same seed always gives the same library.

#![allow(dead_code)]

/// SplitMix64: small, fast and good enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n.max(1) as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Samples ranks `0..n` with probability proportional to `1 / (rank + 1)^s`.
pub struct Zipf {
    cdf: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize, s: f64) -> Zipf {
        let mut cdf = Vec::with_capacity(n);
        let mut sum = 0.0;
        for r in 0..n {
            sum += 1.0 / ((r + 1) as f64).powf(s);
            cdf.push(sum);
        }
        for c in &mut cdf {
            *c /= sum;
        }
        Zipf { cdf }
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let u = rng.unit();
        self.cdf.partition_point(|&c| c < u).min(self.cdf.len() - 1)
    }
}

const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "that", "for", "is", "on", "with", "as", "by", "was",
    "it", "at", "from", "this", "be", "are", "have", "has", "an", "which", "or", "its", "their",
    "not", "but", "were", "been", "will", "more", "than", "into", "while", "over", "between",
    "after", "under",
];

/// Real words at the head of the content vocabulary.
const HEAD_WORDS: &[&str] = &[
    "security",
    "policy",
    "government",
    "officials",
    "region",
    "economic",
    "military",
    "strategy",
    "cooperation",
    "defence",
    "trade",
    "agreement",
    "foreign",
    "minister",
    "alliance",
    "support",
    "growth",
    "sanctions",
    "budget",
    "border",
    "energy",
    "summit",
    "talks",
    "reform",
    "election",
    "market",
    "investment",
    "infrastructure",
    "diplomatic",
    "negotiations",
    "stability",
    "crisis",
    "conflict",
    "treaty",
    "partners",
    "influence",
    "pressure",
    "exports",
    "imports",
    "tariffs",
    "spending",
    "forces",
    "navy",
    "ports",
    "supply",
    "chains",
    "technology",
    "semiconductors",
    "maritime",
    "nuclear",
    "cyber",
    "climate",
    "migration",
    "inflation",
    "debt",
    "currency",
    "banks",
    "regulation",
    "parliament",
    "court",
    "ruling",
    "coalition",
    "opposition",
    "reforms",
    "protests",
    "ceasefire",
    "deterrence",
    "exercises",
    "patrols",
    "missiles",
    "drones",
    "satellites",
    "pipeline",
    "grid",
    "refinery",
    "harvest",
    "drought",
    "floods",
    "aid",
    "loans",
    "industry",
    "workers",
    "wages",
    "unions",
    "courts",
    "judges",
    "media",
    "elections",
    "ministers",
    "leaders",
    "envoys",
    "delegation",
    "framework",
    "mechanism",
    "initiative",
    "corridor",
    "partnership",
    "dialogue",
    "posture",
    "capabilities",
    "procurement",
];

const SYLLABLES: &[&str] = &[
    "ka", "ter", "mon", "ri", "vel", "sa", "dor", "lin", "pra", "tes", "qua", "bel", "no", "mir",
    "zan", "tor", "ule", "fen", "gra", "hol", "ist", "jun", "ked", "lor", "mas", "nev", "ost",
    "pel", "rud", "sim", "tav", "urn", "vis", "wel", "yar", "zel", "ben", "cor", "dal", "ent",
];

const ORG_NOUNS: &[&str] = &[
    "Council",
    "Agency",
    "Commission",
    "Corridor",
    "Initiative",
    "Forum",
    "Bank",
    "Authority",
    "Institute",
    "Office",
    "Command",
    "Pact",
    "Partnership",
    "Fund",
    "Directorate",
    "Dialogue",
];

const ORG_ADJECTIVES: &[&str] = &[
    "Maritime",
    "Energy",
    "Security",
    "Economic",
    "Defence",
    "Strategic",
    "Development",
    "Trade",
    "Cyber",
    "Digital",
    "Nuclear",
    "Regional",
    "Joint",
    "Investment",
    "Border",
    "Climate",
];

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn synthetic_word(rng: &mut Rng) -> String {
    let n = rng.range(2, 4);
    (0..n)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

/// Something articles talk about by name.
struct Named {
    name: String,
    acronym: Option<String>,
}

/// The library's shared vocabulary, themes and named topics.
pub struct World {
    vocab: Vec<String>,
    zipf: Zipf,
    themes: Vec<Vec<usize>>,
    topics: Vec<Named>,
    topic_zipf: Zipf,
    theme_zipf: Zipf,
    places: Vec<String>,
}

const VOCAB: usize = 30_000;
const THEMES: usize = 400;
const THEME_WORDS: usize = 60;
const TOPICS: usize = 4_000;
const PLACES: usize = 600;

impl World {
    /// The world is the same for every library size, so libraries of
    /// different sizes are samples of the same kind of text.
    pub fn new(seed: u64) -> World {
        let mut rng = Rng::new(seed.wrapping_mul(31).wrapping_add(7));
        let mut seen = std::collections::HashSet::new();
        let mut vocab: Vec<String> = HEAD_WORDS.iter().map(|w| w.to_string()).collect();
        seen.extend(vocab.iter().cloned());
        while vocab.len() < VOCAB {
            let w = synthetic_word(&mut rng);
            if seen.insert(w.clone()) {
                vocab.push(w);
            }
        }
        let themes = (0..THEMES)
            .map(|_| {
                (0..THEME_WORDS)
                    .map(|_| rng.range(200, VOCAB - 1))
                    .collect()
            })
            .collect();
        let mut places = Vec::with_capacity(PLACES);
        while places.len() < PLACES {
            let p = capitalise(&synthetic_word(&mut rng));
            if seen.insert(p.to_lowercase()) {
                places.push(p);
            }
        }
        let topics = (0..TOPICS)
            .map(|i| {
                let place = &places[rng.below(PLACES)];
                let adj = ORG_ADJECTIVES[rng.below(ORG_ADJECTIVES.len())];
                let noun = ORG_NOUNS[rng.below(ORG_NOUNS.len())];
                let name = match i % 4 {
                    0 => format!("{place} {adj} {noun}"),
                    1 => format!("{adj} {noun} of {place}"),
                    2 => format!("{place}-{} {adj} {noun}", &places[rng.below(PLACES)]),
                    _ => format!("{place} {noun}"),
                };
                let acronym = (i % 3 != 2).then(|| {
                    name.split([' ', '-'])
                        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                        .filter_map(|w| w.chars().next())
                        .collect::<String>()
                });
                Named {
                    name,
                    acronym: acronym.filter(|a| a.len() >= 2),
                }
            })
            .collect();
        World {
            vocab,
            zipf: Zipf::new(VOCAB, 1.05),
            themes,
            topics,
            topic_zipf: Zipf::new(TOPICS, 0.9),
            theme_zipf: Zipf::new(THEMES, 0.6),
            places,
        }
    }

    /// Article `i` of the library made with `seed`: the same whatever the
    /// library size.
    pub fn article(&self, seed: u64, i: usize) -> String {
        let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
        let theme = &self.themes[self.theme_zipf.sample(&mut rng)];
        let topics: Vec<usize> = (0..rng.range(2, 6))
            .map(|_| self.topic_zipf.sample(&mut rng))
            .collect();
        let mut w = Writer {
            world: self,
            rng,
            theme,
            topics: &topics,
            introduced: vec![false; topics.len()],
            out: String::with_capacity(8192),
        };
        w.article();
        w.out
    }

    /// One paragraph of about `bytes` bytes, for layout benchmarks.
    pub fn long_paragraph(&self, seed: u64, bytes: usize) -> String {
        let topics = [0, 1, 2];
        let mut w = Writer {
            world: self,
            rng: Rng::new(seed),
            theme: &self.themes[0],
            topics: &topics,
            introduced: vec![false; 3],
            out: String::with_capacity(bytes + 256),
        };
        while w.out.len() < bytes {
            w.sentence(true);
            w.out.push(' ');
        }
        w.out.push('\n');
        w.out
    }
}

struct Writer<'a> {
    world: &'a World,
    rng: Rng,
    theme: &'a [usize],
    topics: &'a [usize],
    introduced: Vec<bool>,
    out: String,
}

impl Writer<'_> {
    fn content_word(&mut self) -> String {
        if self.rng.chance(0.25) {
            let i = self.theme[self.rng.below(self.theme.len())];
            self.world.vocab[i].clone()
        } else {
            self.world.vocab[self.world.zipf.sample(&mut self.rng)].clone()
        }
    }

    fn topic_mention(&mut self) -> String {
        let k = self.rng.below(self.topics.len());
        let t = &self.world.topics[self.topics[k]];
        match &t.acronym {
            Some(acr) if !self.introduced[k] => {
                self.introduced[k] = true;
                format!("the {} ({acr})", t.name)
            }
            Some(acr) if self.rng.chance(0.6) => acr.clone(),
            _ => format!("the {}", t.name),
        }
    }

    /// Words of a sentence, without its final punctuation.
    fn words(&mut self, len: usize, topics: bool) -> String {
        let mut words: Vec<String> = Vec::with_capacity(len + 4);
        while words.len() < len {
            let r = self.rng.unit();
            if topics && r < 0.04 {
                words.push(self.topic_mention());
            } else if r < 0.06 {
                let p = &self.world.places[self.world.zipf.sample(&mut self.rng) % PLACES];
                words.push(p.clone());
            } else if r < 0.08 {
                words.push(match self.rng.below(3) {
                    0 => format!("{}", 1990 + self.rng.below(40)),
                    1 => format!("{}.{}%", self.rng.below(20), self.rng.below(10)),
                    _ => format!("{}", self.rng.range(2, 900)),
                });
            } else if r < 0.5 {
                words.push(FUNCTION_WORDS[self.rng.below(FUNCTION_WORDS.len())].to_string());
            } else {
                words.push(self.content_word());
            }
        }
        let mut s = words.join(" ");
        if let Some(first) = s.get(..1) {
            let upper = first.to_uppercase();
            s.replace_range(..1, &upper);
        }
        if self.rng.chance(0.15) {
            // A clause.
            let at = s.len() / 2;
            if let Some(sp) = s[at..].find(' ') {
                s.insert(at + sp, ',');
            }
        }
        s
    }

    fn sentence(&mut self, topics: bool) {
        let len = self.rng.range(6, 34);
        let s = self.words(len, topics);
        self.out.push_str(&s);
        self.out.push(if self.rng.chance(0.03) { '?' } else { '.' });
    }

    fn paragraph(&mut self) {
        let n = if self.rng.chance(0.08) {
            self.rng.range(8, 16)
        } else {
            self.rng.range(1, 6)
        };
        for k in 0..n {
            if k > 0 {
                self.out.push(' ');
            }
            self.sentence(true);
        }
        self.out.push_str("\n\n");
    }

    fn heading(&mut self) {
        let n = self.rng.range(2, 5);
        let words: Vec<String> = (0..n).map(|_| capitalise(&self.content_word())).collect();
        self.out.push_str("## ");
        self.out.push_str(&words.join(" "));
        self.out.push_str("\n\n");
    }

    fn bullets(&mut self, full: bool) {
        for _ in 0..self.rng.range(3, 6) {
            self.out.push_str("- ");
            let len = self.rng.range(5, 16);
            let s = self.words(len, full);
            self.out.push_str(&s);
            if full {
                self.out.push('.');
            }
            self.out.push('\n');
        }
        self.out.push('\n');
    }

    fn article(&mut self) {
        // A title: a short heading-like line.
        let len = self.rng.range(5, 11);
        let title = self.words(len, true);
        self.out.push_str(&title);
        self.out.push_str("\n\n");
        if self.rng.chance(0.2) {
            self.out.push_str("## Key takeaways\n\n");
            self.bullets(true);
        }
        // About 5 KB on average, from under 1 KB to over 20 KB.
        let paragraphs = {
            let u = self.rng.unit();
            (2.0 + 5.0 * (-u.max(1e-9).ln())).round() as usize
        };
        for p in 0..paragraphs {
            if p > 0 && self.rng.chance(0.2) {
                self.heading();
            }
            if self.rng.chance(0.07) {
                self.bullets(false);
            }
            self.paragraph();
        }
    }
}
