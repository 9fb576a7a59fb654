//! Text editing: the one-line editor of the prompt ([`Editor`], a buffer
//! of lines and a cursor) and the note editor ([`NoteEditor`], built on
//! ratatui-textarea's editing model for undo and redo, word movement and
//! soft wrap). Positions are (line, char index) pairs.
//!
//! The note editor holds only text that is safe to draw: a control,
//! bidi or invisible character typed, pasted or found in a note opened
//! for editing is held as the visible symbol the reader shows for it
//! (`␛`), so what is drawn, and saved, is what the user sees.

use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::text::sanitize::{clean, replacement};

/// An edit the user can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edit {
    Insert(char),
    Newline,
    Backspace,
    Delete,
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    /// To the start of the word before the cursor, or past the end of the
    /// next one (the note editor).
    WordLeft,
    WordRight,
    /// Delete the word before the cursor, or after it (the note editor).
    DeleteWordBack,
    DeleteWordForward,
    /// Take back the last edit, or make it again (the note editor).
    Undo,
    Redo,
}

/// Edits the note editor can undo, at most.
const UNDO_STEPS: usize = 10_000;

/// The note editor: several lines, soft-wrapped when drawn, with undo.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    // Boxed: the model is large, and the mode that holds it is moved often.
    area: Box<TextArea<'static>>,
}

impl PartialEq for NoteEditor {
    fn eq(&self, other: &NoteEditor) -> bool {
        self.area.lines() == other.area.lines() && self.area.cursor() == other.area.cursor()
    }
}

impl Eq for NoteEditor {}

impl NoteEditor {
    /// An editor holding `text` (made safe to draw), with the cursor at
    /// its end.
    pub fn new(text: &str) -> NoteEditor {
        let lines: Vec<String> = text
            .split('\n')
            .map(|l| clean(l.strip_suffix('\r').unwrap_or(l)).into_owned())
            .collect();
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(Default::default());
        // Every key is a step of the history: keep enough of them to take
        // a long note back to where it started.
        area.set_max_histories(UNDO_STEPS);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        NoteEditor {
            area: Box::new(area),
        }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn lines(&self) -> &[String] {
        self.area.lines()
    }

    /// The cursor as (line, char index).
    pub fn cursor(&self) -> (usize, usize) {
        let c = self.area.cursor();
        (c.0, c.1)
    }

    /// The editing model, for drawing.
    pub fn textarea(&self) -> &TextArea<'static> {
        &self.area
    }

    pub fn apply(&mut self, edit: Edit) {
        let area = &mut *self.area;
        match edit {
            Edit::Insert('\n') | Edit::Newline => area.insert_newline(),
            // The first half of a pasted CRLF line break.
            Edit::Insert('\r') => {}
            Edit::Insert(c) => match replacement(c) {
                Some(shown) => {
                    area.insert_str(shown);
                }
                None => area.insert_char(c),
            },
            Edit::Backspace => {
                area.delete_char();
            }
            Edit::Delete => {
                area.delete_next_char();
            }
            Edit::Left => area.move_cursor(CursorMove::Back),
            Edit::Right => area.move_cursor(CursorMove::Forward),
            Edit::Up => area.move_cursor(CursorMove::Up),
            Edit::Down => area.move_cursor(CursorMove::Down),
            Edit::Home => area.move_cursor(CursorMove::Head),
            Edit::End => area.move_cursor(CursorMove::End),
            Edit::WordLeft => area.move_cursor(CursorMove::WordBack),
            Edit::WordRight => area.move_cursor(CursorMove::WordForward),
            Edit::DeleteWordBack => {
                area.delete_word();
            }
            Edit::DeleteWordForward => {
                area.delete_next_word();
            }
            Edit::Undo => {
                area.undo();
            }
            Edit::Redo => {
                area.redo();
            }
        }
    }
}

/// The text being edited and where the cursor is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    lines: Vec<String>,
    /// The cursor: line index and char index within that line.
    row: usize,
    col: usize,
}

fn byte_of(line: &str, col: usize) -> usize {
    line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
}

impl Editor {
    /// An editor holding `text`, with the cursor at its end.
    pub fn new(text: &str) -> Editor {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let row = lines.len() - 1;
        let col = lines[row].chars().count();
        Editor { lines, row, col }
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// The cursor as (line, char index).
    pub fn cursor(&self) -> (usize, usize) {
        (self.row, self.col)
    }

    pub fn apply(&mut self, edit: Edit) {
        let len = |e: &Editor, r: usize| e.lines[r].chars().count();
        match edit {
            Edit::Insert('\n') => self.apply(Edit::Newline),
            Edit::Insert(c) => {
                let at = byte_of(&self.lines[self.row], self.col);
                self.lines[self.row].insert(at, c);
                self.col += 1;
            }
            Edit::Newline => {
                let at = byte_of(&self.lines[self.row], self.col);
                let rest = self.lines[self.row].split_off(at);
                self.lines.insert(self.row + 1, rest);
                self.row += 1;
                self.col = 0;
            }
            Edit::Backspace => {
                if self.col > 0 {
                    let at = byte_of(&self.lines[self.row], self.col - 1);
                    self.lines[self.row].remove(at);
                    self.col -= 1;
                } else if self.row > 0 {
                    let line = self.lines.remove(self.row);
                    self.row -= 1;
                    self.col = len(self, self.row);
                    self.lines[self.row].push_str(&line);
                }
            }
            Edit::Delete => {
                if self.col < len(self, self.row) {
                    let at = byte_of(&self.lines[self.row], self.col);
                    self.lines[self.row].remove(at);
                } else if self.row + 1 < self.lines.len() {
                    let next = self.lines.remove(self.row + 1);
                    self.lines[self.row].push_str(&next);
                }
            }
            Edit::Left => {
                if self.col > 0 {
                    self.col -= 1;
                } else if self.row > 0 {
                    self.row -= 1;
                    self.col = len(self, self.row);
                }
            }
            Edit::Right => {
                if self.col < len(self, self.row) {
                    self.col += 1;
                } else if self.row + 1 < self.lines.len() {
                    self.row += 1;
                    self.col = 0;
                }
            }
            Edit::Up => {
                if self.row > 0 {
                    self.row -= 1;
                    self.col = self.col.min(len(self, self.row));
                }
            }
            Edit::Down => {
                if self.row + 1 < self.lines.len() {
                    self.row += 1;
                    self.col = self.col.min(len(self, self.row));
                }
            }
            Edit::Home => self.col = 0,
            Edit::End => self.col = len(self, self.row),
            // The prompt is one short line: no word keys, no history.
            Edit::WordLeft
            | Edit::WordRight
            | Edit::DeleteWordBack
            | Edit::DeleteWordForward
            | Edit::Undo
            | Edit::Redo => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn type_note(e: &mut NoteEditor, s: &str) {
        for c in s.chars() {
            e.apply(Edit::Insert(c));
        }
    }

    #[test]
    fn the_note_editor_undoes_and_redoes() {
        let mut e = NoteEditor::new("Tokyo");
        type_note(&mut e, " office");
        e.apply(Edit::DeleteWordBack);
        assert_eq!(e.text(), "Tokyo ");
        e.apply(Edit::Undo);
        assert_eq!(e.text(), "Tokyo office");
        e.apply(Edit::Redo);
        assert_eq!(e.text(), "Tokyo ");
        for _ in 0..20 {
            e.apply(Edit::Undo);
        }
        assert_eq!(e.text(), "Tokyo", "undo stops at the text it opened with");
        let long = "a note of many words typed one key at a time ".repeat(20);
        type_note(&mut e, &long);
        for _ in 0..long.chars().count() {
            e.apply(Edit::Undo);
        }
        assert_eq!(e.text(), "Tokyo", "a long note is undone to its start");
    }

    #[test]
    fn the_note_editor_moves_by_words() {
        let mut e = NoteEditor::new("liaison office in “Tokyo”");
        e.apply(Edit::Home);
        e.apply(Edit::WordRight);
        e.apply(Edit::WordRight);
        assert_eq!(e.cursor(), (0, 15), "at the start of “in”");
        e.apply(Edit::WordLeft);
        assert_eq!(e.cursor(), (0, 8), "at the start of “office”");
        e.apply(Edit::DeleteWordForward);
        assert_eq!(e.text(), "liaison  in “Tokyo”");
    }

    #[test]
    fn the_note_editor_holds_control_characters_as_visible_symbols() {
        let mut e = NoteEditor::new("old\u{1b}[2J\r\nline\u{202e}");
        assert_eq!(e.lines(), ["old␛[2J", "line�"]);
        type_note(&mut e, "\u{1b}]0;x\u{7}\r\n\u{9b}é\t.");
        assert_eq!(e.text(), "old␛[2J\nline�␛]0;x␇\n�é    .");
        assert!(!e.text().chars().any(|c| c.is_control() && c != '\n'));
    }

    fn type_in(e: &mut Editor, s: &str) {
        for c in s.chars() {
            e.apply(Edit::Insert(c));
        }
    }

    #[test]
    fn typing_newlines_and_backspace_across_lines() {
        let mut e = Editor::new("");
        type_in(&mut e, "Tokyo office");
        e.apply(Edit::Newline);
        type_in(&mut e, "#nato");
        assert_eq!(e.text(), "Tokyo office\n#nato");
        for _ in 0..6 {
            e.apply(Edit::Backspace);
        }
        assert_eq!(e.text(), "Tokyo office");
        assert_eq!(e.cursor(), (0, 12));
    }

    #[test]
    fn moving_and_editing_in_the_middle_of_multibyte_text() {
        let mut e = Editor::new("“Tokyo” — 東京");
        e.apply(Edit::Home);
        e.apply(Edit::Right);
        e.apply(Edit::Delete);
        assert_eq!(e.text(), "“okyo” — 東京");
        e.apply(Edit::End);
        e.apply(Edit::Backspace);
        type_in(&mut e, "都");
        assert_eq!(e.text(), "“okyo” — 東都");
    }

    #[test]
    fn up_and_down_keep_the_column_within_the_line() {
        let mut e = Editor::new("a long first line\nab");
        e.apply(Edit::Up);
        assert_eq!(e.cursor(), (0, 2));
        e.apply(Edit::End);
        e.apply(Edit::Down);
        assert_eq!(e.cursor(), (1, 2));
        e.apply(Edit::Right);
        assert_eq!(e.cursor(), (1, 2));
        e.apply(Edit::Home);
        e.apply(Edit::Left);
        assert_eq!(e.cursor(), (0, 17));
    }
}
