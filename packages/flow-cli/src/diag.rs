//! Errors that point into the scenario file: file, line, column and field, with the line
//! itself underlined.

use std::fmt;
use std::ops::Range;

/// A position in the scenario source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub col: usize,
}

/// Line and column of a byte offset in `src`.
pub fn pos_of(src: &str, offset: usize) -> Pos {
    let offset = offset.min(src.len());
    let mut start = offset;
    while !src.is_char_boundary(start) {
        start -= 1;
    }
    let before = &src[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = src[line_start..start].chars().count() + 1;
    Pos { line, col }
}

/// A problem found in a scenario, before or during the replay (boxed: errors stay small).
#[derive(Clone, Debug)]
pub struct Diag(Box<DiagInfo>);

/// What a [`Diag`] says.
#[derive(Clone, Debug)]
pub struct DiagInfo {
    pub file: String,
    pub pos: Option<Pos>,
    /// The field (a path such as `attestations[2].buddy`) or entry concerned.
    pub field: String,
    pub message: String,
    /// The source line and the underline, when known.
    pub snippet: Option<(String, usize, usize)>,
}

impl Diag {
    /// A diagnostic at `span` of `src`.
    pub fn at(
        file: &str,
        src: &str,
        span: Option<Range<usize>>,
        field: &str,
        message: impl Into<String>,
    ) -> Self {
        let (pos, snippet) = match span {
            Some(span) => {
                let pos = pos_of(src, span.start);
                let line_text = src.lines().nth(pos.line - 1).unwrap_or("").to_string();
                let line_chars = line_text.chars().count();
                // Underline the span, within its first line.
                let end = pos_of(src, span.end.max(span.start + 1));
                let width = if end.line == pos.line {
                    end.col.saturating_sub(pos.col).max(1)
                } else {
                    line_chars + 1 - pos.col
                };
                (Some(pos.clone()), Some((line_text, pos.col, width.max(1))))
            }
            None => (None, None),
        };
        Diag(Box::new(DiagInfo {
            file: file.to_string(),
            pos,
            field: field.to_string(),
            message: message.into(),
            snippet,
        }))
    }

    /// A diagnostic about the file as a whole (it cannot be read, ...).
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        Diag(Box::new(DiagInfo {
            file: file.to_string(),
            pos: None,
            field: String::new(),
            message: message.into(),
            snippet: None,
        }))
    }
}

impl std::ops::Deref for Diag {
    type Target = DiagInfo;
    fn deref(&self) -> &DiagInfo {
        &self.0
    }
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error in {}", self.file)?;
        if let Some(p) = &self.pos {
            write!(f, " at line {}, column {}", p.line, p.col)?;
        }
        if !self.field.is_empty() {
            write!(f, ", field `{}`", self.field)?;
        }
        write!(f, ": {}", self.message)?;
        if let (Some(p), Some((text, col, width))) = (&self.pos, &self.snippet) {
            let n = p.line.to_string();
            let pad = " ".repeat(n.len());
            write!(f, "\n{pad}--> {}:{}:{}", self.file, p.line, p.col)?;
            write!(
                f,
                "\n{pad} |\n{n} | {text}\n{pad} | {}{}",
                " ".repeat(col - 1),
                "^".repeat(*width)
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Diag {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let src = "a = 1\nbb = \"x\"\n\nc = 3";
        assert_eq!(pos_of(src, 0), Pos { line: 1, col: 1 });
        assert_eq!(pos_of(src, 6), Pos { line: 2, col: 1 });
        assert_eq!(pos_of(src, 11), Pos { line: 2, col: 6 });
        assert_eq!(pos_of(src, 16), Pos { line: 4, col: 1 });
        let d = Diag::at("s.toml", src, Some(11..14), "bb", "bad");
        let text = d.to_string();
        assert!(
            text.starts_with("error in s.toml at line 2, column 6, field `bb`: bad"),
            "{text}"
        );
        assert!(text.contains("2 | bb = \"x\"\n  |      ^^^"), "{text}");
    }
}
