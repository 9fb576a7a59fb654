//! Draws the app state with ratatui. Nothing here changes the state or does
//! I/O; every string from an article or file name is sanitised on its way
//! to the screen.

mod compare;
mod editor;
mod keypoints;
mod library;
mod marks;
mod notes;
mod overlay;
mod refs;
mod source;
mod status;
pub mod theme;

use std::borrow::Cow;

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};
use ratatui::Frame;

use crate::app::find::PromptKind;
use crate::app::layout::Area;
use crate::app::lists::{first_entry, Shape};
use crate::app::mode::Mode;
use crate::app::view::ScreenRow;
use crate::app::App;
use crate::strings;
use crate::text::wrap::truncate;
use theme::{Palette, Theme};

/// The rows of the open article at the reading size (see
/// [`App::text_size`]) and one more, which tells whether the end is on
/// screen: laid out once a frame, for the source pane and the status bar.
struct Shown {
    size: (usize, usize),
    rows: Vec<ScreenRow>,
}

impl Shown {
    fn new(app: &App) -> Shown {
        let size = app.text_size();
        let rows = match (app.open_article(), app.open_view()) {
            (Some(article), Some(view)) => view.screen(article, size.0, size.1 + 1),
            _ => Vec::new(),
        };
        Shown { size, rows }
    }

    /// The rows on screen for a text area of `width` × `height`, reusing
    /// the rows laid out already when the size is the reading size.
    fn rows(&self, app: &App, width: usize, height: usize) -> Cow<'_, [ScreenRow]> {
        if (width.max(1), height.max(1)) == self.size {
            return Cow::Borrowed(&self.rows[..self.rows.len().min(height)]);
        }
        match (app.open_article(), app.open_view()) {
            (Some(article), Some(view)) => Cow::Owned(view.screen(article, width, height)),
            _ => Cow::Borrowed(&[]),
        }
    }

    /// Whether the last row of the article is on screen.
    fn at_end(&self) -> bool {
        self.rows.len() <= self.size.1
    }
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let theme = Theme::new(app.color(), Palette::from_config(app.theme()));
    let shown = Shown::new(app);
    let screen = app.screen();
    let full = frame.area();
    let clip = |a: Area| rect(a).intersection(full);
    if let Some(area) = screen.library {
        library::draw(frame, clip(area), app, &theme);
    }
    if let Some(area) = screen.source {
        source::draw(frame, clip(area), app, &shown, &theme);
    }
    if let Some(area) = screen.key_points {
        if app.notes().shown {
            notes::draw(frame, clip(area), app, &theme);
        } else {
            keypoints::draw(frame, clip(area), app, &theme);
        }
    }
    if let Some(area) = screen.refs {
        refs::draw(frame, clip(area), app, &theme);
    }
    status::draw(frame, clip(screen.status), app, &shown, &theme);
    match app.mode() {
        Mode::Help { scroll } => overlay::help(frame, app, *scroll, &theme),
        Mode::Messages { scroll } => overlay::messages(frame, app, *scroll, &theme),
        &Mode::Topics {
            selected,
            topic,
            hit,
        } => overlay::topics(frame, app, (selected, topic, hit), &theme),
        Mode::Results { selected, results } => {
            overlay::results(frame, app, (*selected, results), &theme)
        }
        Mode::Compare(c) => compare::draw(frame, app, c, &theme),
        Mode::Links { selected } => overlay::links(frame, app, *selected, &theme),
        Mode::Prompt(prompt) if prompt.kind == PromptKind::Picker => {
            overlay::picker(frame, app, prompt, &theme)
        }
        Mode::Editor(editing) => editor::draw(frame, app, editing, &theme),
        Mode::Normal | Mode::Mark(_) | Mode::Prompt(_) | Mode::ConfirmDelete(_) => {}
    }
}

fn rect(a: Area) -> Rect {
    Rect {
        x: a.x,
        y: a.y,
        width: a.width,
        height: a.height,
    }
}

/// A bordered pane; the focused one gets a thick border and a reversed
/// title so it stands out without colour too.
fn pane<'a>(title: &str, width: u16, focused: bool, theme: &Theme) -> Block<'a> {
    let title = truncate(title, usize::from(width.saturating_sub(4)));
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(theme.border(focused))
        .title(Line::from(Span::styled(
            format!(" {title} "),
            theme.title(focused),
        )))
}

/// Says what an analysis pane is waiting for, if anything: the library
/// to load, or the analysis of the library or of the open article to
/// finish. True when it drew a message.
fn waiting(frame: &mut Frame<'_>, inner: Rect, app: &App, theme: &Theme) -> bool {
    let message = if app.loading() {
        strings::LOADING
    } else if app.open().is_none() {
        return true;
    } else if app.analysis().is_none() {
        strings::ANALYSING
    } else if app
        .analysis()
        .zip(app.open())
        .is_some_and(|(a, open)| !a.covers(open))
    {
        strings::ARTICLE_CHANGED
    } else {
        return false;
    };
    frame.render_widget(
        ratatui::widgets::Paragraph::new(message)
            .style(theme.muted())
            .wrap(ratatui::widgets::Wrap { trim: true }),
        inner,
    );
    true
}

/// Pads or cuts `s` to exactly `width` columns.
fn fit(s: &str, width: usize) -> String {
    let cut = truncate(s, width);
    let w = crate::text::wrap::str_width(&cut);
    format!("{cut}{}", " ".repeat(width.saturating_sub(w)))
}

fn styled(s: impl Into<String>, style: Style) -> Span<'static> {
    Span::styled(s.into(), style)
}

/// Lays out a list of multi-line entries in `height` rows, scrolled so the
/// selected entry is shown, and styles the selected entry.
fn entries(
    items: Vec<Vec<Line<'static>>>,
    selected: Option<usize>,
    height: usize,
    selected_style: Style,
) -> Vec<Line<'static>> {
    let heights: Vec<usize> = items.iter().map(Vec::len).collect();
    let first = first_entry(&heights, selected, height);
    items
        .into_iter()
        .enumerate()
        .skip(first)
        .flat_map(|(i, lines)| {
            let on = Some(i) == selected;
            lines
                .into_iter()
                .map(move |l| if on { l.patch_style(selected_style) } else { l })
        })
        .take(height)
        .collect()
}

/// A pane's list: its entries (some lines each; headers are entries too)
/// and how they sit in the pane, as the app hit-tests them.
struct List {
    entries: Vec<Vec<Line<'static>>>,
    shape: Shape,
}

impl List {
    fn lines(self, height: usize, style: Style) -> Vec<Line<'static>> {
        let selected = self.shape.selected_entry();
        entries(self.entries, selected, height, style)
    }
}
