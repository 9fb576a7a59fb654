//! A small multi-line text editor for note text: a buffer of lines and a
//! cursor, edited by keys. Positions are (line, char index) pairs.

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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
