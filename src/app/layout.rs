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

/// The panes of one screen. A pane that does not fit is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Screen {
    pub library: Option<Area>,
    pub source: Option<Area>,
    pub status: Area,
}

/// Splits a `width` × `height` screen. `library_width` is the configured
/// width of the library pane; on a narrow screen only the pane named by
/// `library_focused` is shown.
pub fn screen(width: u16, height: u16, library_width: u16, library_focused: bool) -> Screen {
    let status = Area {
        x: 0,
        y: height.saturating_sub(1),
        width,
        height: height.min(1),
    };
    let body_h = height.saturating_sub(1);
    if body_h < 3 || width < 4 {
        return Screen {
            library: None,
            source: None,
            status,
        };
    }
    let body = Area {
        x: 0,
        y: 0,
        width,
        height: body_h,
    };
    if width < NARROW {
        return if library_focused {
            Screen {
                library: Some(body),
                source: None,
                status,
            }
        } else {
            Screen {
                library: None,
                source: Some(body),
                status,
            }
        };
    }
    let lib_w = library_width.min(width * 2 / 5);
    Screen {
        library: Some(Area {
            width: lib_w,
            ..body
        }),
        source: Some(Area {
            x: lib_w,
            width: width - lib_w,
            ..body
        }),
        status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_screen() {
        let s = screen(120, 40, 34, true);
        let lib = s.library.expect("library");
        let src = s.source.expect("source");
        assert_eq!(lib.width + src.width, 120);
        assert_eq!(lib.height, 39);
        assert_eq!(
            s.status,
            Area {
                x: 0,
                y: 39,
                width: 120,
                height: 1
            }
        );
    }

    #[test]
    fn narrow_screens_show_the_focused_pane_only() {
        let s = screen(40, 20, 34, false);
        assert!(s.library.is_none());
        assert_eq!(s.source.map(|a| a.width), Some(40));
    }

    #[test]
    fn tiny_screens_keep_only_the_status_line() {
        let s = screen(1, 1, 34, true);
        assert!(s.library.is_none() && s.source.is_none());
        assert_eq!(s.status.height, 1);
        let s = screen(0, 0, 34, true);
        assert_eq!(s.status.height, 0);
    }
}
