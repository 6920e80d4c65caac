//! The JSON layout every report writes: `serde_json`'s pretty printing (two spaces an indent,
//! `": "` between a key and its value), with each line's break and indentation written at once.
//! `serde_json`'s own formatter writes the indentation two spaces at a time, a call into the
//! buffered writer for each level of each line, which was a twentieth of writing a long
//! checklist's report; the bytes are the same, as a unit test holds them.

use std::io;

use serde_json::ser::Formatter;

/// A comma and a line break, then indentation enough for the deepest report: an item's tree
/// nests to its sixteen levels, two JSON levels each, below the report's own few.
const BREAK: [u8; 162] = {
    let mut bytes = [b' '; 162];
    bytes[0] = b',';
    bytes[1] = b'\n';
    bytes
};

/// [`serde_json::ser::PrettyFormatter`] with two spaces, writing each break at once.
#[derive(Debug, Default)]
pub(crate) struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    /// A line break (after a comma unless `first`) and the current indentation.
    fn line<W: ?Sized + io::Write>(&self, writer: &mut W, first: bool) -> io::Result<()> {
        let start = usize::from(first);
        let width = 2 * self.level;
        match BREAK.get(start..2 + width) {
            Some(bytes) => writer.write_all(bytes),
            None => {
                writer.write_all(&BREAK[start..2])?;
                (0..self.level).try_for_each(|_| writer.write_all(b"  "))
            }
        }
    }

    fn open<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(writer, true)?;
        }
        writer.write_all(bracket)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.line(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.line(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes `value` as pretty JSON.
pub(crate) fn to_writer<W: io::Write, T: serde::Serialize + ?Sized>(
    writer: W,
    value: &T,
) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(
        writer,
        Pretty::default(),
    ))
}

/// `value` as pretty JSON text, ending in a line break as every file `ready` writes does.
pub(crate) fn to_text<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut bytes = Vec::new();
    to_writer(&mut bytes, value)?;
    bytes.push(b'\n');
    // serde_json writes UTF-8, so nothing is ever replaced.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// The same bytes as `serde_json`'s pretty printer, for empty and full arrays and objects,
    /// nesting deeper than the break's ready indentation, and every kind of value.
    #[test]
    fn writes_what_serde_json_pretty_writes() {
        let mut deep = json!({"leaf": [1, "two", null, true, 2.5, {}, []]});
        for level in 0..120 {
            deep = if level % 2 == 0 {
                json!({ "k": deep, "e": {}, "a": [] })
            } else {
                json!([deep, [], {}, "s\n\"q\""])
            };
        }
        for value in [
            json!(null),
            json!([]),
            json!({}),
            json!([[]]),
            json!({"a": {}}),
            json!({"a": 1, "b": [1, 2, {"c": [], "d": {"e": "f"}}]}),
            deep,
        ] {
            let mut ours = Vec::new();
            super::to_writer(&mut ours, &value).expect("written");
            let theirs = serde_json::to_vec_pretty(&value).expect("written");
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&theirs)
            );
        }
    }
}
