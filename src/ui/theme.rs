//! Colours and text styles, with a monochrome variant for `NO_COLOR`.

use ratatui::style::{Color, Modifier, Style};

use crate::text::layout::Role;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    pub fn title(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn role(&self, role: Role) -> Style {
        match role {
            Role::Text | Role::TableCell => Style::new(),
            Role::Heading => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Role::Quote | Role::Caption => Style::new().add_modifier(Modifier::ITALIC),
            Role::Marker => self.fg(Color::Cyan),
            Role::Rule => self.fg(Color::DarkGray),
            Role::TableHeader => Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// Boilerplate blocks: comment forms, bios.
    pub fn dim(&self) -> Style {
        self.fg(Color::DarkGray).add_modifier(Modifier::DIM)
    }

    /// The passage under the cursor.
    pub fn cursor_row(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Indexed(236))
        } else {
            Style::new()
        }
    }

    pub fn cursor_mark(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
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
        if self.color {
            Style::new().bg(Color::Indexed(24)).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    /// Words two linked passages share.
    pub fn shared_term(&self) -> Style {
        self.fg(Color::LightYellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Text that has a note on it.
    pub fn noted(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::LightGreen)
                .add_modifier(Modifier::UNDERLINED)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::ITALIC)
        }
    }

    /// A search match, and the one the cursor is on.
    pub fn search_match(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Yellow).fg(Color::Black)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn search_current(&self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::LightRed)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// Sentences chosen in visual mode.
    pub fn selection(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The sentence under the sentence cursor.
    pub fn sentence(&self) -> Style {
        self.fg(Color::LightCyan).add_modifier(Modifier::UNDERLINED)
    }

    pub fn muted(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn status(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Indexed(237)).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn warning(&self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
}
