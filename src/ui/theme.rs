//! Colours and text styles: a dark and a light palette, colours from the
//! config laid over them, and a monochrome variant for `NO_COLOR` that
//! marks everything with bold, underline and reverse video instead.

use ratatui::style::{Color, Modifier, Style};

use crate::config::{Colour, Named, ThemeConfig};
use crate::text::layout::Role;
use crate::text::markdown::Inline;

/// The colours a theme is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Focused borders, bullets, key names.
    pub accent: Color,
    pub heading: Color,
    /// Borders of other panes, rules, hints.
    pub muted: Color,
    /// Background of the passage under the cursor.
    pub cursor: Color,
    /// Background of the passage a jump landed on.
    pub jump: Color,
    /// Background of search matches.
    pub search: Color,
    /// Text that has a note.
    pub note: Color,
    /// Words two linked passages share.
    pub shared: Color,
    pub status_bg: Color,
    pub status_fg: Color,
    pub warning: Color,
}

impl Palette {
    pub const DARK: Palette = Palette {
        accent: Color::Cyan,
        heading: Color::Yellow,
        muted: Color::DarkGray,
        cursor: Color::Indexed(236),
        jump: Color::Indexed(24),
        search: Color::Yellow,
        note: Color::LightGreen,
        shared: Color::LightYellow,
        status_bg: Color::Indexed(237),
        status_fg: Color::White,
        warning: Color::LightRed,
    };

    pub const LIGHT: Palette = Palette {
        accent: Color::Blue,
        heading: Color::Indexed(90),
        muted: Color::Indexed(242),
        cursor: Color::Indexed(254),
        jump: Color::Indexed(195),
        search: Color::Indexed(222),
        note: Color::Indexed(22),
        shared: Color::Indexed(94),
        status_bg: Color::Indexed(252),
        status_fg: Color::Black,
        warning: Color::Red,
    };

    /// The palette a config names, with its colour overrides.
    pub fn from_config(config: &ThemeConfig) -> Palette {
        let mut p = if config.name == "light" {
            Palette::LIGHT
        } else {
            Palette::DARK
        };
        let set = |slot: &mut Color, value: &Option<Colour>| {
            if let Some(c) = value {
                *slot = color(*c);
            }
        };
        set(&mut p.accent, &config.accent);
        set(&mut p.heading, &config.heading);
        set(&mut p.muted, &config.muted);
        set(&mut p.cursor, &config.cursor);
        set(&mut p.jump, &config.jump);
        set(&mut p.search, &config.search);
        set(&mut p.note, &config.note);
        set(&mut p.shared, &config.shared);
        set(&mut p.status_bg, &config.status_bg);
        set(&mut p.status_fg, &config.status_fg);
        set(&mut p.warning, &config.warning);
        p
    }
}

/// The terminal colour for a colour from the config.
fn color(c: Colour) -> Color {
    match c {
        Colour::Indexed(i) => Color::Indexed(i),
        Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
        Colour::Named(n) => match n {
            Named::Black => Color::Black,
            Named::Red => Color::Red,
            Named::Green => Color::Green,
            Named::Yellow => Color::Yellow,
            Named::Blue => Color::Blue,
            Named::Magenta => Color::Magenta,
            Named::Cyan => Color::Cyan,
            Named::Gray => Color::Gray,
            Named::DarkGray => Color::DarkGray,
            Named::LightRed => Color::LightRed,
            Named::LightGreen => Color::LightGreen,
            Named::LightYellow => Color::LightYellow,
            Named::LightBlue => Color::LightBlue,
            Named::LightMagenta => Color::LightMagenta,
            Named::LightCyan => Color::LightCyan,
            Named::White => Color::White,
        },
    }
}

/// The red, green and blue of a terminal colour, as xterm shows the 16
/// named colours and the 256-colour cube and greys. `None` for the
/// terminal's own foreground and background.
pub fn rgb(c: Color) -> Option<(u8, u8, u8)> {
    const NAMED: [(u8, u8, u8); 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    let named = |i: usize| Some(NAMED[i]);
    match c {
        Color::Reset => None,
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Rgb(r, g, b) => Some((r, g, b)),
        Color::Indexed(i @ 0..=15) => named(usize::from(i)),
        Color::Indexed(i @ 16..=231) => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let i = i - 16;
            Some((level(i / 36), level(i / 6 % 6), level(i % 6)))
        }
        Color::Indexed(i) => {
            let v = 8 + 10 * (i - 232);
            Some((v, v, v))
        }
    }
}

/// The relative luminance of a colour, from 0 (black) to 1 (white), as
/// WCAG defines it.
pub fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// The WCAG contrast ratio of two colours, from 1 to 21.
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Black or white, whichever reads better on `background`.
fn readable_on(background: Color) -> Color {
    match rgb(background) {
        Some(bg) if contrast(bg, (255, 255, 255)) > contrast(bg, (0, 0, 0)) => Color::White,
        _ => Color::Black,
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
    p: Palette,
}

impl Theme {
    pub fn new(color: bool, palette: Palette) -> Theme {
        Theme { color, p: palette }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// A background colour, or `plain` without colours.
    fn bg(&self, c: Color, plain: Style) -> Style {
        if self.color {
            Style::new().bg(c)
        } else {
            plain
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(self.p.accent).add_modifier(Modifier::BOLD)
        } else {
            self.fg(self.p.muted)
        }
    }

    pub fn title(&self, focused: bool) -> Style {
        if focused {
            self.fg(self.p.accent)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn role(&self, role: Role) -> Style {
        match role {
            Role::Text | Role::TableCell => Style::new(),
            Role::Heading => self.fg(self.p.heading).add_modifier(Modifier::BOLD),
            Role::Quote | Role::Caption => Style::new().add_modifier(Modifier::ITALIC),
            Role::Marker => self.fg(self.p.accent),
            Role::Rule => self.fg(self.p.muted),
            Role::TableHeader => Style::new().add_modifier(Modifier::BOLD),
            Role::Code => self.fg(self.p.accent),
        }
    }

    /// Markdown's inline styles.
    pub fn inline(&self, inline: Inline) -> Style {
        match inline {
            Inline::Emphasis => Style::new().add_modifier(Modifier::ITALIC),
            Inline::Strong => Style::new().add_modifier(Modifier::BOLD),
            Inline::Strikethrough => Style::new().add_modifier(Modifier::CROSSED_OUT),
            Inline::Code => self.fg(self.p.accent),
            Inline::Link => self.fg(self.p.accent).add_modifier(Modifier::UNDERLINED),
            Inline::Image => Style::new().add_modifier(Modifier::ITALIC),
        }
    }

    /// Boilerplate blocks: comment forms, bios.
    pub fn dim(&self) -> Style {
        self.fg(self.p.muted).add_modifier(Modifier::DIM)
    }

    /// The passage under the cursor.
    pub fn cursor_row(&self) -> Style {
        self.bg(self.p.cursor, Style::new())
    }

    pub fn cursor_mark(&self) -> Style {
        self.fg(self.p.heading).add_modifier(Modifier::BOLD)
    }

    /// The selected entry of a list; stronger when its pane has the focus.
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    /// The passage a jump landed on.
    pub fn jump_target(&self) -> Style {
        self.bg(self.p.jump, Style::new().add_modifier(Modifier::UNDERLINED))
    }

    /// Words two linked passages share.
    pub fn shared_term(&self) -> Style {
        self.fg(self.p.shared)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Text that has a note on it.
    pub fn noted(&self) -> Style {
        if self.color {
            Style::new()
                .fg(self.p.note)
                .add_modifier(Modifier::UNDERLINED)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::ITALIC)
        }
    }

    /// Text marked with a highlight (a note without text).
    pub fn highlighted(&self) -> Style {
        if self.color {
            Style::new().bg(self.p.note).fg(Color::Black)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// A search match, and the one the cursor is on.
    pub fn search_match(&self) -> Style {
        self.bg(self.p.search, Style::new().add_modifier(Modifier::REVERSED))
            .patch(self.fg(readable_on(self.p.search)))
    }

    pub fn search_current(&self) -> Style {
        let plain =
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED);
        self.bg(self.p.warning, plain)
            .patch(self.fg(readable_on(self.p.warning)))
            .add_modifier(Modifier::BOLD)
    }

    /// Sentences chosen in visual mode.
    pub fn selection(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The sentence under the sentence cursor.
    pub fn sentence(&self) -> Style {
        self.fg(self.p.accent).add_modifier(Modifier::UNDERLINED)
    }

    pub fn muted(&self) -> Style {
        self.fg(self.p.muted)
    }

    pub fn status(&self) -> Style {
        if self.color {
            Style::new().bg(self.p.status_bg).fg(self.p.status_fg)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn warning(&self) -> Style {
        self.fg(self.p.warning).add_modifier(Modifier::BOLD)
    }

    pub fn key(&self) -> Style {
        self.fg(self.p.accent).add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The least contrast text must have against what is behind it (WCAG
    /// AA for body text).
    const MIN_TEXT: f64 = 4.5;

    /// The pairs of text and background colours a palette draws, named,
    /// with the terminal's own colours for `fg` and `bg`.
    fn pairs(p: &Palette, fg: Color, bg: Color) -> Vec<(&'static str, Color, Color)> {
        vec![
            ("text", fg, bg),
            ("accent: focused borders, bullets, keys", p.accent, bg),
            ("heading", p.heading, bg),
            ("muted: borders, scores, hints", p.muted, bg),
            ("noted text", p.note, bg),
            ("shared words", p.shared, bg),
            ("warning", p.warning, bg),
            ("text on the passage cursor", fg, p.cursor),
            ("heading on the passage cursor", p.heading, p.cursor),
            ("noted text on the passage cursor", p.note, p.cursor),
            ("accent on the passage cursor", p.accent, p.cursor),
            ("text on a jump target", fg, p.jump),
            ("shared words on a jump target", p.shared, p.jump),
            ("status bar", p.status_fg, p.status_bg),
            ("search match", readable_on(p.search), p.search),
            ("current match", readable_on(p.warning), p.warning),
        ]
    }

    fn check(name: &str, p: &Palette, fg: Color, bg: Color) {
        for (what, f, b) in pairs(p, fg, bg) {
            let (Some(f), Some(b)) = (rgb(f), rgb(b)) else {
                panic!("{name}: {what} has no colour");
            };
            let ratio = contrast(f, b);
            assert!(
                ratio >= MIN_TEXT,
                "{name}: {what} has contrast {ratio:.2}, under {MIN_TEXT}"
            );
        }
    }

    #[test]
    fn the_dark_theme_reads_on_a_dark_terminal() {
        // xterm's default foreground on black.
        check("dark", &Palette::DARK, Color::Gray, Color::Black);
    }

    #[test]
    fn the_light_theme_reads_on_a_light_terminal() {
        check("light", &Palette::LIGHT, Color::Black, Color::White);
    }

    #[test]
    fn contrast_is_measured_as_wcag_does() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast((10, 20, 30), (10, 20, 30)) - 1.0).abs() < 1e-9);
        // Palette colour 7 on white, which the light theme once used for hints.
        assert!(contrast(rgb(Color::Gray).unwrap(), (255, 255, 255)) < 1.5);
        assert_eq!(rgb(Color::Indexed(16)), Some((0, 0, 0)));
        assert_eq!(rgb(Color::Indexed(231)), Some((255, 255, 255)));
        assert_eq!(rgb(Color::Indexed(244)), Some((128, 128, 128)));
        assert_eq!(rgb(Color::Indexed(130)), Some((175, 95, 0)));
    }

    #[test]
    fn search_matches_take_the_text_colour_that_reads() {
        assert_eq!(readable_on(Color::Indexed(222)), Color::Black);
        assert_eq!(readable_on(Color::Blue), Color::White);
    }
}
