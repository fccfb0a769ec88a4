//! CSV records read one at a time in bounded memory, whatever the file, as
//! spreadsheets write them: comma-, semicolon- or tab-separated (the
//! separator is told from the first line: Excel and LibreOffice in France
//! write `;`), in UTF-8 with or without a byte-order mark, or in
//! Windows-1252 (a field that is not UTF-8 is read as Windows-1252, which
//! any byte is: nothing is lost, and a UTF-8 field is never misread).
//!
//! The `csv` crate grows its buffer to hold a whole record: a 50 MB line (or
//! a 1 GB file of zero bytes, which is one record) is read whole into
//! memory. Here the push parser underneath it (`csv-core`) fills buffers of
//! our size, and a record longer than [`MAX_RECORD_BYTES`] is skipped — read
//! through to its end, not kept — and reported as too long.

use std::io::{self, Read};

/// The longest record kept: far more than a place needs (its longest field,
/// a free presentation, is a few paragraphs), far less than memory allows.
pub const MAX_RECORD_BYTES: usize = 256 * 1024;
/// The most fields a record keeps (the schema has 32).
const MAX_FIELDS: usize = 256;
/// How much is read from the file at a time.
const READ_BYTES: usize = 64 * 1024;

/// One record of the file.
#[derive(Debug, PartialEq, Eq)]
pub enum Record {
    /// Its fields, as text.
    Fields(Vec<String>),
    /// Longer than [`MAX_RECORD_BYTES`] or wider than the fields kept: skipped.
    TooLong,
}

/// The separators a spreadsheet writes, the most common first.
const SEPARATORS: [u8; 3] = [b',', b';', b'\t'];

/// The separator of a file whose first bytes are `start`: the one found
/// most often, outside quotes, on its first line (a comma on a tie).
pub fn separator_of(start: &[u8]) -> u8 {
    let mut counts = [0usize; SEPARATORS.len()];
    let mut quoted = false;
    for &byte in start {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = SEPARATORS.iter().position(|s| *s == byte) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let best = (0..SEPARATORS.len())
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    SEPARATORS[best]
}

/// A field's bytes as text: UTF-8 when they are, Windows-1252 otherwise.
fn text_of(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// Reads the records of a CSV file (`"` quotes, a UTF-8 byte-order mark
/// ignored, the separator told from the first line).
pub struct CsvRecords<R> {
    input: R,
    parser: csv_core::Reader,
    /// The separator is told once the first bytes are read.
    separator_known: bool,
    buffer: Box<[u8]>,
    start: usize,
    end: usize,
    at_end_of_input: bool,
    output: Vec<u8>,
    ends: Vec<usize>,
}

impl<R: Read> CsvRecords<R> {
    pub fn new(input: R) -> Self {
        Self {
            input,
            parser: csv_core::Reader::new(),
            separator_known: false,
            buffer: vec![0; READ_BYTES].into_boxed_slice(),
            start: 0,
            end: 0,
            at_end_of_input: false,
            output: vec![0; 4096],
            ends: vec![0; 64],
        }
    }

    /// The next record, `None` at the end of the file.
    pub fn next_record(&mut self) -> io::Result<Option<Record>> {
        self.read_record(false)
    }

    /// The next record, or [`Record::TooLong`] as soon as it is known to be,
    /// without reading on to its end: for a header, after which nothing
    /// else would be read anyway.
    pub fn next_record_or_give_up(&mut self) -> io::Result<Option<Record>> {
        self.read_record(true)
    }

    fn read_record(&mut self, give_up_when_too_long: bool) -> io::Result<Option<Record>> {
        let mut written = 0;
        let mut fields = 0;
        let mut too_long = false;
        loop {
            if self.start == self.end && !self.at_end_of_input {
                self.end = read_some(&mut self.input, &mut self.buffer)?;
                self.start = 0;
                self.at_end_of_input = self.end == 0;
                if !self.separator_known {
                    self.separator_known = true;
                    self.parser = csv_core::ReaderBuilder::new()
                        .delimiter(separator_of(&self.buffer[..self.end]))
                        .build();
                }
            }
            let (result, read, out, ended) = self.parser.read_record(
                &self.buffer[self.start..self.end],
                &mut self.output[written..],
                &mut self.ends[fields..],
            );
            self.start += read;
            written += out;
            fields += ended;
            match result {
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => {
                    if self.output.len() < MAX_RECORD_BYTES {
                        let larger = (self.output.len() * 2).min(MAX_RECORD_BYTES);
                        self.output.resize(larger, 0);
                    } else if give_up_when_too_long {
                        self.shrink();
                        return Ok(Some(Record::TooLong));
                    } else {
                        // Keep reading to the record's end, keeping nothing.
                        too_long = true;
                        written = 0;
                    }
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    if self.ends.len() < MAX_FIELDS {
                        let larger = (self.ends.len() * 2).min(MAX_FIELDS);
                        self.ends.resize(larger, 0);
                    } else if give_up_when_too_long {
                        return Ok(Some(Record::TooLong));
                    } else {
                        too_long = true;
                        fields = 0;
                    }
                }
                csv_core::ReadRecordResult::Record if too_long => {
                    self.shrink();
                    return Ok(Some(Record::TooLong));
                }
                csv_core::ReadRecordResult::Record => {
                    return Ok(Some(self.fields(fields)));
                }
                csv_core::ReadRecordResult::End => return Ok(None),
            }
        }
    }

    /// The `count` fields just read, as text.
    fn fields(&self, count: usize) -> Record {
        let mut fields = Vec::with_capacity(count);
        let mut from = 0;
        for &to in &self.ends[..count] {
            fields.push(text_of(&self.output[from..to]));
            from = to;
        }
        Record::Fields(fields)
    }

    /// Gives back the memory a long record took.
    fn shrink(&mut self) {
        self.output.truncate(4096);
        self.output.shrink_to_fit();
    }
}

/// Reads into `buffer`, retrying when interrupted.
fn read_some(input: &mut impl Read, buffer: &mut [u8]) -> io::Result<usize> {
    loop {
        match input.read(buffer) {
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(input: &[u8]) -> Vec<Record> {
        let mut reader = CsvRecords::new(input);
        let mut all = Vec::new();
        while let Some(record) = reader.next_record().unwrap() {
            all.push(record);
        }
        all
    }

    fn fields(texts: &[&str]) -> Record {
        Record::Fields(texts.iter().map(|t| (*t).to_owned()).collect())
    }

    #[test]
    fn quoted_fields_line_breaks_a_bom_and_crlf_are_read_as_the_csv_crate_does() {
        let input =
            "\u{feff}id,nom\r\n1,\"Le \"\"Centre\"\", à Cholet\"\r\n2,\"sur\ndeux lignes\"\n3,";
        assert_eq!(
            records(input.as_bytes()),
            [
                fields(&["id", "nom"]),
                fields(&["1", "Le \"Centre\", à Cholet"]),
                fields(&["2", "sur\ndeux lignes"]),
                fields(&["3", ""]),
            ]
        );
    }

    #[test]
    fn a_record_too_long_is_skipped_and_the_next_ones_are_read() {
        let mut input = b"id,nom\n1,".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES + 10));
        input.extend(b"\n2,b\n");
        assert_eq!(
            records(&input),
            [fields(&["id", "nom"]), Record::TooLong, fields(&["2", "b"])]
        );
        let wide = format!("{}\n1,2\n", vec!["c"; MAX_FIELDS + 1].join(","));
        assert_eq!(
            records(wide.as_bytes()),
            [Record::TooLong, fields(&["1", "2"])]
        );
    }

    #[test]
    fn a_file_of_zero_bytes_is_one_record_too_long_read_in_bounded_memory() {
        struct Zeros(usize);
        impl Read for Zeros {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = buf.len().min(self.0);
                buf[..n].fill(0);
                self.0 -= n;
                Ok(n)
            }
        }
        let mut reader = CsvRecords::new(Zeros(20 * 1024 * 1024));
        assert_eq!(reader.next_record().unwrap(), Some(Record::TooLong));
        assert!(reader.output.capacity() <= MAX_RECORD_BYTES);
        assert_eq!(reader.next_record().unwrap(), None);
        // As a header, it is given up at once: the rest is never read.
        let mut header = CsvRecords::new(Zeros(20 * 1024 * 1024));
        assert_eq!(
            header.next_record_or_give_up().unwrap(),
            Some(Record::TooLong)
        );
        assert!(
            header.input.0 > 19 * 1024 * 1024,
            "{} bytes left",
            header.input.0
        );
    }

    #[test]
    fn a_file_saved_by_a_french_spreadsheet_is_read_semicolons_windows_1252_and_crlf() {
        // « Médiathèque » and « Cholet ; centre » as Excel writes them in France.
        let input = b"id;nom;commune\r\n1;M\xe9diath\xe8que;\"Cholet ; centre\"\r\n2;Caf\xc3\xa9;Angers\r\n";
        assert_eq!(
            records(input),
            [
                fields(&["id", "nom", "commune"]),
                fields(&["1", "Médiathèque", "Cholet ; centre"]),
                // A UTF-8 field in the same file stays UTF-8.
                fields(&["2", "Café", "Angers"]),
            ]
        );
    }

    #[test]
    fn the_separator_is_the_one_the_first_line_uses_most_outside_quotes() {
        assert_eq!(separator_of(b"id,nom,commune\n1;2;3;4;5"), b',');
        assert_eq!(separator_of(b"\xef\xbb\xbfid;nom;\"a,b,c\"\r\n"), b';');
        assert_eq!(separator_of(b"id\tnom\tcommune"), b'\t');
        assert_eq!(separator_of(b"id"), b',');
        assert_eq!(separator_of(b""), b',');
    }
}
