//! The items of a JSON array read one at a time in bounded memory.
//!
//! Parsing a whole file into a `serde_json::Value` costs many times its
//! size: 63 MB of tiny objects took 4.4 GB. Here the top-level array is
//! split into its items by a small scanner that only follows strings and
//! nesting; each item, at most [`MAX_ITEM_BYTES`], is then parsed alone, and
//! a longer one is skipped and reported.

use std::io::{self, BufRead};

/// The longest item kept, as for a CSV record.
pub const MAX_ITEM_BYTES: usize = super::csv_records::MAX_RECORD_BYTES;

/// One item of the array.
#[derive(Debug, PartialEq, Eq)]
pub enum Item {
    /// Its bytes, to parse.
    Json(Vec<u8>),
    /// Longer than [`MAX_ITEM_BYTES`]: skipped.
    TooLong,
    /// The file ended inside it (a truncated file).
    Truncated,
}

/// Why the file is no JSON array.
#[derive(Debug, PartialEq, Eq)]
pub enum NotAnArray {
    Empty,
    /// It starts with this byte instead of `[`.
    StartsWith(u8),
}

/// Reads the items of the array a JSON file holds.
pub struct JsonItems<R> {
    input: R,
    finished: bool,
}

impl<R: BufRead> JsonItems<R> {
    /// Reads up to the array's opening `[`.
    pub fn open(mut input: R) -> io::Result<Result<Self, NotAnArray>> {
        skip_bom(&mut input)?;
        match next_significant(&mut input)? {
            Some(b'[') => Ok(Ok(Self {
                input,
                finished: false,
            })),
            Some(other) => Ok(Err(NotAnArray::StartsWith(other))),
            None => Ok(Err(NotAnArray::Empty)),
        }
    }

    /// The next item, `None` after the array's closing `]`.
    pub fn next_item(&mut self) -> io::Result<Option<Item>> {
        if self.finished {
            return Ok(None);
        }
        let first = match next_significant(&mut self.input)? {
            None => {
                self.finished = true;
                return Ok(None);
            }
            Some(b']') => {
                self.finished = true;
                return Ok(None);
            }
            Some(b',') => match next_significant(&mut self.input)? {
                // A stray comma (`[,` or `,,`): an empty item, refused by the parser.
                Some(b']') | None => {
                    self.finished = true;
                    return Ok(None);
                }
                Some(byte) => byte,
            },
            Some(byte) => byte,
        };
        let mut item = vec![first];
        let mut too_long = false;
        let mut depth: usize = usize::from(matches!(first, b'{' | b'['));
        let mut in_string = first == b'"';
        let mut escaped = false;
        loop {
            let chunk = self.input.fill_buf()?;
            if chunk.is_empty() {
                self.finished = true;
                return Ok(Some(if depth > 0 || in_string {
                    Item::Truncated
                } else if too_long {
                    Item::TooLong
                } else {
                    Item::Json(item)
                }));
            }
            let mut used = 0;
            let mut ended = false;
            for &byte in chunk {
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if byte == b'\\' {
                        escaped = true;
                    } else if byte == b'"' {
                        in_string = false;
                    }
                } else {
                    match byte {
                        b'"' => in_string = true,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' if depth > 0 => depth -= 1,
                        b',' | b']' if depth == 0 => {
                            // The end of a top-level item: leave the separator
                            // for the next call, which reads `,` or `]`.
                            ended = true;
                            break;
                        }
                        _ => {}
                    }
                }
                used += 1;
            }
            if !too_long {
                item.extend_from_slice(&chunk[..used]);
                if item.len() > MAX_ITEM_BYTES {
                    too_long = true;
                    item = Vec::new();
                }
            }
            self.input.consume(used);
            if ended {
                return Ok(Some(if too_long {
                    Item::TooLong
                } else {
                    Item::Json(item)
                }));
            }
        }
    }
}

/// Skips a UTF-8 byte-order mark.
fn skip_bom(input: &mut impl BufRead) -> io::Result<()> {
    if input.fill_buf()?.starts_with(b"\xef\xbb\xbf") {
        input.consume(3);
    }
    Ok(())
}

/// The next byte that is not JSON whitespace, consumed.
fn next_significant(input: &mut impl BufRead) -> io::Result<Option<u8>> {
    loop {
        let chunk = input.fill_buf()?;
        let Some(&byte) = chunk.first() else {
            return Ok(None);
        };
        input.consume(1);
        if !matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
            return Ok(Some(byte));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(input: &[u8]) -> Vec<Item> {
        let mut items = JsonItems::open(input).unwrap().unwrap();
        let mut all = Vec::new();
        while let Some(item) = items.next_item().unwrap() {
            all.push(item);
        }
        all
    }

    fn json(text: &str) -> Item {
        Item::Json(text.as_bytes().to_vec())
    }

    #[test]
    fn items_are_split_at_top_level_commas_only() {
        let input = br#" [ {"a": "x,]}\"", "b": [1, {"c": 2}]} , 12, "s,t" ,null ] trailing"#;
        assert_eq!(
            items(input),
            [
                json(r#"{"a": "x,]}\"", "b": [1, {"c": 2}]} "#),
                json("12"),
                json(r#""s,t" "#),
                json("null "),
            ]
        );
        assert_eq!(items(b"[]"), []);
        assert_eq!(items(b"\xef\xbb\xbf[{}]"), [json("{}")]);
    }

    #[test]
    fn a_truncated_file_ends_with_a_truncated_item() {
        assert_eq!(
            items(br#"[{"a": 1}, {"b": "#),
            [json(r#"{"a": 1}"#), Item::Truncated]
        );
        assert_eq!(items(b"[1, 2"), [json("1"), json("2")]);
    }

    #[test]
    fn an_item_too_long_is_skipped_and_the_next_ones_are_read() {
        let mut input = b"[{\"a\": \"".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_ITEM_BYTES));
        input.extend(b"\"}, {\"b\": 2}]");
        assert_eq!(items(&input), [Item::TooLong, json(r#"{"b": 2}"#)]);
    }

    #[test]
    fn a_file_that_is_no_array_is_told_apart() {
        assert!(matches!(
            JsonItems::open(&b"  {\"id\": 1}"[..]).unwrap(),
            Err(NotAnArray::StartsWith(b'{'))
        ));
        assert!(matches!(
            JsonItems::open(&b"  "[..]).unwrap(),
            Err(NotAnArray::Empty)
        ));
    }
}
