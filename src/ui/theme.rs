//! Colours and text styles: a dark and a light palette, colours from the
//! config laid over them, and a monochrome variant for `NO_COLOR` that
//! marks everything with bold, underline and reverse video instead.

use ratatui::style::{Color, Modifier, Style};

use crate::config::{Colour, Named, ThemeConfig};
use crate::text::layout::Role;

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
        heading: Color::Magenta,
        muted: Color::Gray,
        cursor: Color::Indexed(254),
        jump: Color::Indexed(153),
        search: Color::Indexed(222),
        note: Color::Green,
        shared: Color::Indexed(130),
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
            .patch(self.fg(Color::Black))
    }

    pub fn search_current(&self) -> Style {
        let plain =
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED);
        self.bg(self.p.warning, plain)
            .patch(self.fg(Color::Black))
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
