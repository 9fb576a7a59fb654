//! Where each pane goes on a screen of a given size.
//!
//! Both the UI (to draw) and the app (to scroll by pages and to find what a
//! mouse click hit) use this one function, so they always agree.

/// A rectangle of screen cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Area {
    /// The area inside a one-cell border.
    pub fn inner(&self) -> Area {
        Area {
            x: self.x.saturating_add(1),
            y: self.y.saturating_add(1),
            width: self.width.saturating_sub(2),
            height: self.height.saturating_sub(2),
        }
    }

    pub fn contains(&self, col: u16, row: u16) -> bool {
        col >= self.x && row >= self.y && col - self.x < self.width && row - self.y < self.height
    }
}

/// Columns at the left of the source text for the passage cursor.
pub const GUTTER: u16 = 2;

/// Below this width only the focused pane is shown.
pub const NARROW: u16 = 60;

/// From this width on the library, the source and the analysis panes are
/// all shown side by side.
pub const WIDE: u16 = 110;

/// The narrowest the source pane gets on a wide screen so that the
/// library can have the width it asks for: a text column of about 50
/// characters, within the 45 to 75 that read comfortably.
pub const MEASURE: u16 = 56;

/// The smallest share of a wide screen the library gets, in percent.
const LIBRARY_SHARE: u16 = 22;

/// Which pane has the focus, as far as the layout cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Library,
    Source,
    /// The key points or cross-reference pane.
    Side,
}

/// The panes of one screen. A pane that does not fit is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Screen {
    pub library: Option<Area>,
    pub source: Option<Area>,
    pub key_points: Option<Area>,
    pub refs: Option<Area>,
    pub status: Area,
}

/// Splits an area vertically: key points above, cross-references below.
fn side(area: Area) -> (Option<Area>, Option<Area>) {
    let top = (area.height * 2 / 5).max(3).min(area.height);
    let kp = Area {
        height: top,
        ..area
    };
    let refs = Area {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    (Some(kp), (refs.height >= 3).then_some(refs))
}

/// Splits a `width` × `height` screen. `library_width` is the configured
/// width of the library pane. Wide screens show every pane; medium ones
/// show the source beside either the library or the analysis panes,
/// whichever has the focus; narrow ones only the focused pane.
pub fn screen(width: u16, height: u16, library_width: u16, focus: Focus) -> Screen {
    let status = Area {
        x: 0,
        y: height.saturating_sub(1),
        width,
        height: height.min(1),
    };
    let body_h = height.saturating_sub(1);
    let mut s = Screen {
        status,
        ..Screen::default()
    };
    if body_h < 3 || width < 4 {
        return s;
    }
    let body = Area {
        x: 0,
        y: 0,
        width,
        height: body_h,
    };
    if width < NARROW {
        match focus {
            Focus::Library => s.library = Some(body),
            Focus::Source => s.source = Some(body),
            Focus::Side => (s.key_points, s.refs) = side(body),
        }
        return s;
    }
    if width < WIDE {
        let left = library_width.min(width * 2 / 5);
        let left_area = Area {
            width: left,
            ..body
        };
        s.source = Some(Area {
            x: left,
            width: width - left,
            ..body
        });
        if focus == Focus::Library {
            s.library = Some(left_area);
        } else {
            (s.key_points, s.refs) = side(left_area);
        }
        return s;
    }
    let right = (width * 26 / 100).max(30);
    // The library gets its configured width while the source keeps a
    // comfortable measure, and never less than its share of the screen.
    let room = width.saturating_sub(right + MEASURE);
    let lib = library_width.min(room.max(width * LIBRARY_SHARE / 100));
    let source_w = width - lib - right;
    s.library = Some(Area { width: lib, ..body });
    s.source = Some(Area {
        x: lib,
        width: source_w,
        ..body
    });
    (s.key_points, s.refs) = side(Area {
        x: lib + source_w,
        width: right,
        ..body
    });
    s
}

/// A box of at most `want_w` × `want_h` cells centred over the panes of a
/// `width` × `height` screen, leaving the status bar visible.
pub fn overlay(width: u16, height: u16, want_w: u16, want_h: u16) -> Area {
    let body_h = height.saturating_sub(1);
    let w = want_w.min(width);
    let h = want_h.min(body_h);
    Area {
        x: (width - w) / 2,
        y: (body_h - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_tile_every_pane() {
        let s = screen(140, 40, 38, Focus::Library);
        let lib = s.library.expect("library");
        let src = s.source.expect("source");
        let kp = s.key_points.expect("key points");
        let refs = s.refs.expect("refs");
        assert_eq!(lib.width + src.width + kp.width, 140);
        assert_eq!(kp.width, refs.width);
        assert_eq!(kp.height + refs.height, 39);
        assert_eq!(
            s.status,
            Area {
                x: 0,
                y: 39,
                width: 140,
                height: 1
            }
        );
    }

    #[test]
    fn the_library_gets_its_width_while_the_text_keeps_a_measure() {
        for width in [WIDE, 120, 140, 200, 300] {
            let s = screen(width, 40, 38, Focus::Source);
            let lib = s.library.expect("library").width;
            let src = s.source.expect("source").width;
            assert!(
                lib >= (width * LIBRARY_SHARE / 100).min(38),
                "{width}: {lib}"
            );
            assert!(lib == 38 || src <= MEASURE, "{width}: {lib} {src}");
            assert!(src >= MEASURE.min(width * 40 / 100), "{width}: {src}");
        }
        assert_eq!(
            screen(120, 40, 38, Focus::Source).library.map(|a| a.width),
            Some(33)
        );
        assert_eq!(
            screen(140, 40, 38, Focus::Source).library.map(|a| a.width),
            Some(38)
        );
        // A library asked narrower is given what it asks.
        assert_eq!(
            screen(200, 40, 20, Focus::Source).library.map(|a| a.width),
            Some(20)
        );
    }

    #[test]
    fn medium_screens_swap_the_left_column_with_the_focus() {
        let s = screen(80, 24, 38, Focus::Library);
        assert!(s.library.is_some() && s.key_points.is_none());
        let s = screen(80, 24, 38, Focus::Source);
        assert!(s.library.is_none() && s.key_points.is_some() && s.refs.is_some());
        assert_eq!(s.source.map(|a| a.width), Some(48));
    }

    #[test]
    fn narrow_screens_show_the_focused_pane_only() {
        let s = screen(40, 20, 34, Focus::Source);
        assert!(s.library.is_none() && s.key_points.is_none());
        assert_eq!(s.source.map(|a| a.width), Some(40));
    }

    #[test]
    fn tiny_screens_keep_only_the_status_line() {
        let s = screen(1, 1, 34, Focus::Library);
        assert!(s.library.is_none() && s.source.is_none());
        assert_eq!(s.status.height, 1);
        let s = screen(0, 0, 34, Focus::Library);
        assert_eq!(s.status.height, 0);
    }
}
