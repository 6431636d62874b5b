//! Reading a CSV file's records, on every core when the file is large.
//!
//! The input is taken in blocks of [`BLOCK`] bytes, each cut just after a line break.
//!
//! - A block without a `"` is plain text: its records are its lines that are not empty
//!   (a line ends at `\r`, `\n` or `\r\n`), its fields what the commas separate. That is
//!   exactly how `csv_core` (the `csv` crate's parser, with its default settings) splits
//!   such text, since without quotes nothing else is special. Such a block starts and
//!   ends on record boundaries, so it is split on its own, and its records prepared
//!   (numbers parsed, say), by a worker thread or by the calling thread while it waits;
//!   the commas and line breaks are found eight bytes at a time ([`Separators`]).
//! - Where a block holds a `"` (a quoted field may hold a comma or a line break), or a
//!   line longer than a block, `csv_core` splits the records, in order, until a plain
//!   block can be cut again.
//!
//! Tests check the records and their byte offsets against the `csv` crate's, on any
//! text cut into blocks of any size.
//!
//! Either way the caller sees every record in file order, each with the byte offset it
//! starts at and what `prepare` made of it, and can stop at the first error, exactly as with a plain loop; a reading
//! error is handed over after the records before it. Memory stays a few blocks whatever
//! the file's size: filled blocks wait in a bounded pool and are reused.
//!
//! Every record is checked against [`MAX_RECORD_BYTES`] and [`MAX_COLUMNS`] while it is
//! split, so an endless record is refused before it is held whole.

use std::io::Read;
use std::sync::{mpsc, Mutex, PoisonError};

use crate::load::limits::{MAX_COLUMNS, MAX_RECORD_BYTES};

/// The bytes of input taken at a time.
const BLOCK: usize = 32 * 1024;
/// Records per batch when the input is split as one stream.
const STREAM_ROWS: usize = 2048;

/// Why reading stopped before the end of the input.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// The input could not be read.
    Io(std::io::Error),
    /// A record over [`MAX_RECORD_BYTES`] or [`MAX_COLUMNS`].
    TooLarge {
        /// The record's bytes (at least; it is not read further).
        bytes: usize,
        /// The record's fields (at least).
        fields: usize,
        /// The byte offset the record starts at.
        byte: u64,
    },
}

/// One record: its fields and the byte offset it starts at.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Record<'a> {
    /// The fields' bytes, one after another.
    out: &'a [u8],
    /// Where each field ends in `out`.
    ends: &'a [usize],
    /// Bytes between a field's end and the next field's start: 0 where `out` holds the
    /// fields alone, 1 where it is the record's text (the commas left in).
    gap: usize,
    /// The byte offset of the record in the input.
    byte: u64,
}

impl<'a> Record<'a> {
    /// The number of fields.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Field `i`, if there is one.
    pub(crate) fn get(&self, i: usize) -> Option<&'a [u8]> {
        let end = *self.ends.get(i)?;
        let start = match i.checked_sub(1) {
            Some(j) => *self.ends.get(j)? + self.gap,
            None => 0,
        };
        self.out.get(start..end)
    }

    /// The fields in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        (0..self.len()).map(|i| self.get(i).unwrap_or_default())
    }

    /// The byte offset the record starts at.
    pub(crate) fn byte(&self) -> u64 {
        self.byte
    }
}

/// Where a record is in its batch: its bytes `start..end` (in `out`, or in `input` for a
/// block split with the commas left in), its field ends up to `ends`, and its byte offset.
#[derive(Debug, Clone, Copy)]
struct RowEnd {
    start: usize,
    end: usize,
    ends: usize,
    byte: u64,
}

/// A batch of records and the buffers they were split with.
#[derive(Debug, Default)]
pub(crate) struct Batch {
    /// The block of input the records were split from.
    input: Vec<u8>,
    /// The fields' bytes; the first `out_len` are written.
    out: Vec<u8>,
    out_len: usize,
    /// Field ends, per record relative to the record's first byte in `out`.
    ends: Vec<usize>,
    ends_len: usize,
    rows: Vec<RowEnd>,
    /// The records are the text of `input`, commas left in (a block without quotes).
    plain: bool,
    /// How reading ended, after this batch's records, if it did.
    end: Option<Result<(), ReadError>>,
}

impl Batch {
    fn clear(&mut self) {
        self.input.clear();
        self.out_len = 0;
        self.ends_len = 0;
        self.rows.clear();
        self.plain = false;
        self.end = None;
    }

    /// The records, in order.
    pub(crate) fn rows(&self) -> impl Iterator<Item = Record<'_>> + '_ {
        let (text, gap) = if self.plain {
            (&self.input, 1)
        } else {
            (&self.out, 0)
        };
        let mut ends_start = 0;
        self.rows.iter().map(move |r| {
            let row = Record {
                out: text.get(r.start..r.end).unwrap_or_default(),
                ends: self.ends.get(ends_start..r.ends).unwrap_or_default(),
                gap,
                byte: r.byte,
            };
            ends_start = r.ends;
            row
        })
    }

    /// Appends a field end.
    fn push_end(&mut self, end: usize) {
        match self.ends.get_mut(self.ends_len) {
            Some(slot) => *slot = end,
            None => self.ends.push(end),
        }
        self.ends_len += 1;
    }

    /// Splits the block in `self.input`, which starts at byte `at` on a record boundary
    /// and holds no `"`: its records are its lines that are not empty (a line ends at
    /// `\r`, `\n` or `\r\n`), its fields what commas separate, as `csv_core` splits such
    /// text. The records stay in `input`; [`Separators`] finds their commas and ends.
    fn split_plain(&mut self, at: u64) {
        self.plain = true;
        let input = std::mem::take(&mut self.input);
        let mut line = 0;
        let mut ends_start = self.ends_len;
        // As with the `csv` crate, a record starts just after the line break that ended
        // the one before (blank lines between are skipped, but counted in).
        let mut byte = at;
        for p in Separators::new(&input).chain([input.len()]) {
            // The end of the block ends its last line, if it has no line break.
            let b = input.get(p).copied().unwrap_or(b'\n');
            if b == b',' {
                self.push_end(p - line);
                continue;
            }
            if p > line {
                self.push_end(p - line);
                if !self.end_plain_row(line, p, ends_start, byte) {
                    break;
                }
                byte = at + p as u64 + 1;
            }
            line = p + 1;
            ends_start = self.ends_len;
        }
        self.input = input;
    }

    /// Ends the record of a block at `start..end` whose field ends start at `ends_start`;
    /// false if it is over the limits (and reading ends there).
    fn end_plain_row(&mut self, start: usize, end: usize, ends_start: usize, byte: u64) -> bool {
        let fields = self.ends_len - ends_start;
        let bytes = end - start + 1 - fields;
        if bytes > MAX_RECORD_BYTES || fields > MAX_COLUMNS {
            self.end = Some(Err(ReadError::TooLarge {
                bytes,
                fields,
                byte,
            }));
            return false;
        }
        self.rows.push(RowEnd {
            start,
            end,
            ends: self.ends_len,
            byte,
        });
        true
    }

    /// The first record, if any.
    pub(crate) fn first(&self) -> Option<Record<'_>> {
        self.rows().next()
    }

    /// Splits one record of `input` (or, at the end of the input, an empty slice) into
    /// this batch: `Split::More(n)` if it needs more input after taking `n` bytes.
    fn split(
        &mut self,
        core: &mut csv_core::Reader,
        input: &[u8],
        start: &mut Option<(usize, usize, u64)>,
        byte: u64,
    ) -> Result<Split, ReadError> {
        let mut taken = 0;
        loop {
            let (out_start, ends_start, row_byte) =
                *start.get_or_insert((self.out_len, self.ends_len, byte));
            if self.out.len() <= self.out_len {
                self.out.resize(self.out.len().max(BLOCK / 2) * 2, 0);
            }
            if self.ends.len() <= self.ends_len {
                self.ends.resize(self.ends.len().max(BLOCK / 32) * 2, 0);
            }
            let (res, nin, nout, nend) = core.read_record(
                input.get(taken..).unwrap_or_default(),
                self.out.get_mut(self.out_len..).unwrap_or_default(),
                self.ends.get_mut(self.ends_len..).unwrap_or_default(),
            );
            taken += nin;
            self.out_len += nout;
            self.ends_len += nend;
            let bytes = self.out_len - out_start;
            let fields = self.ends_len - ends_start;
            if bytes > MAX_RECORD_BYTES || fields > MAX_COLUMNS {
                return Err(ReadError::TooLarge {
                    bytes,
                    fields,
                    byte: row_byte,
                });
            }
            match res {
                csv_core::ReadRecordResult::InputEmpty => return Ok(Split::More(taken)),
                csv_core::ReadRecordResult::OutputFull
                | csv_core::ReadRecordResult::OutputEndsFull => {}
                csv_core::ReadRecordResult::Record => {
                    self.rows.push(RowEnd {
                        start: out_start,
                        end: self.out_len,
                        ends: self.ends_len,
                        byte: row_byte,
                    });
                    *start = None;
                    return Ok(Split::Record(taken));
                }
                csv_core::ReadRecordResult::End => return Ok(Split::End),
            }
        }
    }
}

/// The positions of the commas and line breaks (`\n`, `\r`) of a text, in order.
///
/// Eight bytes at a time: a word's bytes equal to one of the three become zero bytes in
/// `word ^ [c; 8]`, and the zero bytes of a word are found exactly with the classic bit
/// trick ([`zero_bytes`]), so the loop runs once a word and once a separator, not once
/// a byte.
struct Separators<'a> {
    text: &'a [u8],
    /// Where the next word starts.
    next: usize,
    /// Where the current word starts, and its separators not yet given (a byte's high
    /// bit each).
    word: usize,
    found: u64,
}

impl<'a> Separators<'a> {
    fn new(text: &'a [u8]) -> Separators<'a> {
        Separators {
            text,
            next: 0,
            word: 0,
            found: 0,
        }
    }
}

impl Iterator for Separators<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        const COMMA: u64 = u64::from_ne_bytes([b','; 8]);
        const LF: u64 = u64::from_ne_bytes([b'\n'; 8]);
        const CR: u64 = u64::from_ne_bytes([b'\r'; 8]);
        while self.found == 0 {
            let rest = self.text.get(self.next..).filter(|r| !r.is_empty())?;
            let bytes = match rest.first_chunk::<8>() {
                Some(word) => *word,
                // The last word is padded with zero bytes, which are no separator.
                None => {
                    let mut bytes = [0u8; 8];
                    for (to, from) in bytes.iter_mut().zip(rest) {
                        *to = *from;
                    }
                    bytes
                }
            };
            let w = u64::from_le_bytes(bytes);
            self.found = zero_bytes(w ^ COMMA) | zero_bytes(w ^ LF) | zero_bytes(w ^ CR);
            self.word = self.next;
            self.next += 8;
        }
        let at = self.word + (self.found.trailing_zeros() / 8) as usize;
        self.found &= self.found - 1;
        Some(at)
    }
}

/// The high bit of each zero byte of `x`, and no other bit (exact: no false positive
/// from a borrow, as the simpler `(x - 0x01..) & !x & 0x80..` has).
fn zero_bytes(x: u64) -> u64 {
    const LOW7: u64 = u64::from_ne_bytes([0x7F; 8]);
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// What splitting one record did.
enum Split {
    /// A record was split, taking this many bytes.
    Record(usize),
    /// The input ran out after taking this many bytes, within a record or before one.
    More(usize),
    /// The end of the input: no record is left.
    End,
}

/// What [`Reader::take_block`] took.
enum Take {
    /// A block starting at this byte offset, on record boundaries.
    Block(u64),
    /// No block can be cut here: the rest is split as one stream.
    Stream,
    /// The input is over.
    End,
}

/// A CSV input, read a block at a time.
pub(crate) struct Reader<R> {
    input: R,
    /// Bytes read and not yet split: `buf[pos..]`.
    buf: Vec<u8>,
    pos: usize,
    /// The byte offset of `buf[pos]` in the input.
    offset: u64,
    eof: bool,
    /// The splitter of the parts that are split as one stream, once there is one.
    core: Option<csv_core::Reader>,
    /// The bytes taken at a time ([`BLOCK`]; tests cut smaller blocks).
    block: usize,
}

/// The `csv_core` reader with the `csv` crate's default settings.
fn core() -> csv_core::Reader {
    csv_core::Reader::new()
}

impl<R: Read> Reader<R> {
    /// A reader of `input`, which starts at byte 0.
    pub(crate) fn new(input: R) -> Reader<R> {
        Reader {
            input,
            buf: Vec::new(),
            pos: 0,
            offset: 0,
            eof: false,
            core: None,
            block: BLOCK,
        }
    }

    /// Reads more input into `buf`, until `want` bytes are unsplit or the input is over.
    fn fill(&mut self, want: usize) -> Result<(), ReadError> {
        if self.pos > 0 {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        while self.buf.len() < want && !self.eof {
            // Read into the buffer's spare room (never zeroed first); fewer bytes than
            // asked for means the end of the input, which the next round confirms.
            let room = (want - self.buf.len()) as u64;
            match (&mut self.input).take(room).read_to_end(&mut self.buf) {
                Ok(0) => self.eof = true,
                Ok(_) => {}
                Err(error) => return Err(ReadError::Io(error)),
            }
        }
        Ok(())
    }

    /// Splits records of the stream into `batch` until it holds `rows` records or
    /// a block's bytes (`false`), or the input is over (`true`). It stops between records
    /// only.
    fn stream(&mut self, batch: &mut Batch, rows: usize) -> Result<bool, ReadError> {
        let mut started = None;
        loop {
            if self.pos == self.buf.len() && !self.eof {
                self.fill(self.block)?;
            }
            let rest = self.buf.get(self.pos..).unwrap_or_default();
            // Made when first needed: a file without quotes never needs it.
            let core = self.core.get_or_insert_with(core);
            let taken = match batch.split(core, rest, &mut started, self.offset)? {
                Split::Record(n) => {
                    self.pos += n;
                    self.offset += n as u64;
                    if batch.rows.len() >= rows || batch.out_len >= self.block {
                        return Ok(false);
                    }
                    continue;
                }
                Split::More(n) => n,
                Split::End => return Ok(true),
            };
            self.pos += taken;
            self.offset += taken as u64;
        }
    }

    /// Reads the first record into `batch`; `false` if the input has none.
    pub(crate) fn first(&mut self, batch: &mut Batch) -> Result<bool, ReadError> {
        batch.clear();
        self.fill(self.block)?;
        let avail = self.buf.get(self.pos..).unwrap_or_default();
        // A first line without quotes (a header, usually) is plain text.
        if let Some(i) = memchr::memchr2(b'\n', b'\r', avail).filter(|&i| i > 0) {
            let line = avail.get(..=i).unwrap_or_default();
            if memchr::memchr(b'"', line).is_none() {
                batch.input.extend_from_slice(line);
                batch.split_plain(self.offset);
                self.pos += i + 1;
                self.offset += i as u64 + 1;
                if let Some(Err(e)) = batch.end.take() {
                    return Err(e);
                }
                return Ok(!batch.rows.is_empty());
            }
        }
        self.stream(batch, 1)?;
        Ok(!batch.rows.is_empty())
    }

    /// Takes the next block of whole records into `block`, if one can be cut.
    fn take_block(&mut self, block: &mut Vec<u8>) -> Result<Take, ReadError> {
        self.fill(self.block)?;
        let avail = self.buf.get(self.pos..).unwrap_or_default();
        if avail.is_empty() {
            return Ok(Take::End);
        }
        let cut = if self.eof {
            avail.len()
        } else {
            // The cut is after the first of the last run of line breaks, so that the
            // next block starts where the `csv` crate says the next record does (the
            // `\n` of a `\r\n`, or the first blank line).
            match memchr::memrchr(b'\n', avail) {
                Some(i) => {
                    let run = avail.get(..=i).unwrap_or_default();
                    let breaks = run
                        .iter()
                        .rev()
                        .take_while(|&&b| b == b'\n' || b == b'\r')
                        .count();
                    // A block of nothing but line breaks holds no record to start the
                    // next one after: it is left to the stream.
                    if breaks > i {
                        return Ok(Take::Stream);
                    }
                    i + 2 - breaks
                }
                None => return Ok(Take::Stream),
            }
        };
        if memchr::memchr(b'"', avail.get(..cut).unwrap_or_default()).is_some() {
            return Ok(Take::Stream);
        }
        // The block keeps the buffer it was read into; what follows it (the start of
        // the next line) is all that is copied.
        let end = self.pos + cut;
        block.clear();
        block.extend_from_slice(self.buf.get(end..).unwrap_or_default());
        std::mem::swap(block, &mut self.buf);
        block.truncate(end);
        block.drain(..self.pos);
        self.pos = 0;
        let at = self.offset;
        self.offset += cut as u64;
        // The block ends a record: whatever is split as a stream next starts afresh.
        if let Some(core) = &mut self.core {
            core.reset();
        }
        Ok(Take::Block(at))
    }

    /// The next records: a block taken into `batch`'s input, to be split by the caller
    /// (its byte offset), or records split as a stream into `batch` (`None`). Either
    /// way, `batch`'s end is set if the input is over or could not be read.
    fn next(&mut self, batch: &mut Batch) -> Option<u64> {
        batch.clear();
        let mut input = std::mem::take(&mut batch.input);
        let took = self.take_block(&mut input);
        batch.input = input;
        let result = match took {
            Ok(Take::Block(at)) => return Some(at),
            Ok(Take::Stream) => self.stream(batch, STREAM_ROWS),
            Ok(Take::End) => Ok(true),
            Err(e) => Err(e),
        };
        match result {
            Ok(false) => {}
            Ok(true) => batch.end = Some(Ok(())),
            Err(e) => batch.end = Some(Err(e)),
        }
        None
    }
}

/// A batch and what `prepare` made of each of its records.
struct Prepared<P> {
    batch: Batch,
    prepared: Vec<P>,
}

impl<P> Prepared<P> {
    fn new() -> Prepared<P> {
        Prepared {
            batch: Batch::default(),
            prepared: Vec::new(),
        }
    }

    /// Splits and prepares the records of the batch that [`Reader::next`] filled, or of
    /// the block it took (at byte `block`).
    fn finish(&mut self, block: Option<u64>, prepare: impl Fn(Record<'_>) -> P) {
        if let Some(at) = block {
            self.batch.split_plain(at);
        }
        self.prepared.clear();
        self.prepared.extend(self.batch.rows().map(prepare));
    }
}

/// Calls `each` on every record after those already read from `reader`, in order, with
/// what `prepare` made of it, until the end or the first error (of `each` or of the
/// reading, whichever comes first in the file).
///
/// With `parallel`, blocks are split, and their records prepared, on worker threads
/// while `each` runs on the calling thread: `prepare` is where work that needs nothing
/// but the record goes (parsing numbers, say), `each` where the rest goes.
pub(crate) fn for_each_row<R, P, E>(
    mut reader: Reader<R>,
    parallel: bool,
    prepare: impl Fn(Record<'_>) -> P + Sync,
    mut each: impl FnMut(Record<'_>, P) -> Result<(), E>,
    read_error: impl Fn(ReadError) -> E,
) -> Result<(), E>
where
    R: Read + Send,
    P: Send,
{
    let mut deliver = |filled: &mut Prepared<P>| -> Result<bool, E> {
        for (row, p) in filled.batch.rows().zip(filled.prepared.drain(..)) {
            each(row, p)?;
        }
        match filled.batch.end.take() {
            Some(Ok(())) => Ok(true),
            Some(Err(e)) => Err(read_error(e)),
            None => Ok(false),
        }
    };
    let workers = if parallel { threads() } else { 0 };
    if workers == 0 {
        let mut filled = Prepared::new();
        loop {
            let block = reader.next(&mut filled.batch);
            filled.finish(block, &prepare);
            if deliver(&mut filled)? {
                return Ok(());
            }
        }
    }
    let shared = Mutex::new(Shared {
        reader,
        next: 0,
        done: false,
    });
    let (full_tx, full_rx) = mpsc::channel::<(u64, Prepared<P>)>();
    let (empty_tx, empty_rx) = mpsc::channel::<Prepared<P>>();
    // Two batches a worker (one being split, one waiting), and two for the caller (with
    // its own spare, below).
    for _ in 0..2 * workers + 2 {
        let _ = empty_tx.send(Prepared::new());
    }
    let empty_rx = Mutex::new(empty_rx);
    let (shared, empty_rx, prepare) = (&shared, &empty_rx, &prepare);
    // The closure owns the caller's ends of the channels: when it returns, early at an
    // error too, they are dropped, and the workers, finding them gone, stop.
    std::thread::scope(move |scope| {
        for _ in 0..workers {
            let full_tx = full_tx.clone();
            scope.spawn(move || work(shared, empty_rx, &full_tx, prepare));
        }
        drop(full_tx);
        // Batches in file order: those that come early wait here.
        let mut early: Vec<(u64, Prepared<P>)> = Vec::new();
        let mut next = 0;
        // A batch of the caller's own, to fill while it has nothing to hand on.
        let mut spare = Some(Prepared::new());
        loop {
            let mut filled = match early.iter().position(|(seq, _)| *seq == next) {
                Some(i) => early.swap_remove(i).1,
                None => {
                    let received = match full_rx.try_recv() {
                        Err(mpsc::TryRecvError::Empty) => {
                            // The next batch is not ready: rather than wait, split one.
                            if let Some(mut own) = spare.take() {
                                match fill_next(shared, &mut own, prepare) {
                                    Some(seq) => early.push((seq, own)),
                                    None => spare = Some(own),
                                }
                                continue;
                            }
                            full_rx.recv().ok()
                        }
                        other => other.ok(),
                    };
                    match received {
                        Some((seq, filled)) if seq == next => filled,
                        Some(other) => {
                            early.push(other);
                            continue;
                        }
                        // Every worker is gone and the next batch is nowhere: cannot
                        // happen, as whoever meets the end hands it on.
                        None => return Ok(()),
                    }
                }
            };
            if deliver(&mut filled)? {
                return Ok(());
            }
            next += 1;
            if spare.is_none() {
                spare = Some(filled);
            } else {
                let _ = empty_tx.send(filled);
            }
        }
    })
}

/// Takes the next block (or stream of records) under the lock and splits and prepares it
/// after releasing the lock; its number, or `None` if the input is over.
fn fill_next<R: Read, P>(
    shared: &Mutex<Shared<R>>,
    filled: &mut Prepared<P>,
    prepare: &impl Fn(Record<'_>) -> P,
) -> Option<u64> {
    let mut guard = shared.lock().unwrap_or_else(PoisonError::into_inner);
    if guard.done {
        return None;
    }
    let seq = guard.next;
    guard.next += 1;
    let block = guard.reader.next(&mut filled.batch);
    guard.done = filled.batch.end.is_some();
    drop(guard);
    filled.finish(block, prepare);
    Some(seq)
}

/// The reader shared by the workers.
struct Shared<R> {
    reader: Reader<R>,
    /// The number of the next batch.
    next: u64,
    /// The end was met.
    done: bool,
}

/// A worker: takes a free batch, then the next block under the lock, and splits and
/// prepares it after releasing the lock. Parts of the input split as a stream are split
/// under the lock, so that they stay in order.
fn work<R: Read, P>(
    shared: &Mutex<Shared<R>>,
    empty: &Mutex<mpsc::Receiver<Prepared<P>>>,
    full: &mpsc::Sender<(u64, Prepared<P>)>,
    prepare: &impl Fn(Record<'_>) -> P,
) {
    let take_empty = || {
        empty
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .recv()
            .ok()
    };
    while let Some(mut filled) = take_empty() {
        let Some(seq) = fill_next(shared, &mut filled, prepare) else {
            return;
        };
        if full.send((seq, filled)).is_err() {
            return;
        }
    }
}

/// The worker threads for a parallel read: one a core besides the caller's (which
/// splits blocks too while it waits). A worker more than the cores would take turns with
/// the caller on a core, and measured slower.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(0, |n| n.get().min(4) - 1)
}

/// True if a file of about `rows` rows is worth worker threads (and there is a second
/// core to run them).
pub(crate) fn worth_a_thread(rows: usize) -> bool {
    rows >= 50_000 && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record's fields and byte offset, and how reading ended.
    fn collect(text: &[u8], parallel: bool) -> (Vec<(Vec<String>, u64)>, Option<String>) {
        collect_in_blocks(text, parallel, BLOCK)
    }

    fn collect_in_blocks(
        text: &[u8],
        parallel: bool,
        block: usize,
    ) -> (Vec<(Vec<String>, u64)>, Option<String>) {
        let mut reader = Reader::new(text);
        reader.block = block;
        let mut seen = Vec::new();
        let r = for_each_row(
            reader,
            parallel,
            |_| (),
            |row, ()| {
                let fields: Vec<String> = row
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect();
                if fields.first().map(String::as_str) == Some("stop") {
                    return Err("stopped".to_owned());
                }
                seen.push((fields, row.byte()));
                Ok(())
            },
            |e| format!("read: {e:?}"),
        );
        (seen, r.err())
    }

    /// What the `csv` crate reads from `text`: every record and its byte offset.
    fn csv_crate(text: &[u8]) -> Vec<(Vec<String>, u64)> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text);
        reader
            .byte_records()
            .map(|r| {
                let r = r.unwrap();
                let fields = r
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect();
                (fields, r.position().unwrap().byte())
            })
            .collect()
    }

    #[test]
    fn records_and_offsets_are_the_csv_crates_whichever_way_the_file_is_cut() {
        let rows: String = (0..40_000)
            .map(|i| format!("Entity {i},X{i},{i}\n"))
            .collect();
        let crlf = rows.replace('\n', "\r\n");
        let quoted_late = format!("{rows}\"a\nb\",c\n{rows}");
        let quoted_early = format!("x,\"1\n2\"\n{rows}");
        let stray_quote = format!("{rows}ab\"c,d\n\"x\ny\",z\n{rows}");
        let long_line = format!("{}\n{rows}", "y".repeat(3 * BLOCK));
        let blank_lines = rows.replace("\n", "\n\n\r\n");
        let cases = [
            rows.clone(),
            crlf,
            quoted_late,
            quoted_early,
            stray_quote,
            long_line,
            blank_lines,
            format!("{rows}last,without,newline"),
            format!("{}\n\"open quote,to the end", &rows[..5000]),
            "one".to_owned(),
            String::new(),
            "\n\n\n".to_owned(),
        ];
        for (i, text) in cases.iter().enumerate() {
            let expected = csv_crate(text.as_bytes());
            for parallel in [false, true] {
                let (seen, err) = collect(text.as_bytes(), parallel);
                assert_eq!(err, None);
                assert_eq!(seen.len(), expected.len(), "parallel: {parallel}");
                let diff = seen.iter().zip(&expected).position(|(a, b)| a != b);
                assert!(
                    diff.is_none(),
                    "case {i}, parallel: {parallel}: {:?}",
                    diff.map(|d| (&seen[d], &expected[d]))
                );
            }
        }
    }

    #[test]
    fn the_first_error_in_file_order_ends_reading() {
        let rows: String = (0..40_000).map(|i| format!("{i},x\n")).collect();
        let stop = format!("{rows}stop,x\n{rows}");
        let too_wide = format!("{rows}{}\n{rows}", "a,".repeat(MAX_COLUMNS + 1));
        for parallel in [false, true] {
            let (seen, err) = collect(stop.as_bytes(), parallel);
            assert_eq!(seen.len(), 40_000);
            assert_eq!(err.as_deref(), Some("stopped"));
            let (seen, err) = collect(too_wide.as_bytes(), parallel);
            assert_eq!(seen.len(), 40_000);
            let err = err.unwrap();
            let at = rows.len();
            assert!(
                err.contains("TooLarge") && err.contains(&format!("byte: {at}")),
                "{err}"
            );
        }
    }

    #[test]
    fn an_endless_record_is_refused_before_it_is_held_whole() {
        let endless = std::io::repeat(b'x').take(4 * MAX_RECORD_BYTES as u64);
        let mut reader = Reader::new(endless);
        let mut batch = Batch::default();
        let err = reader.first(&mut batch).unwrap_err();
        assert!(
            matches!(err, ReadError::TooLarge { byte: 0, bytes, .. } if bytes <= MAX_RECORD_BYTES + BLOCK)
        );
    }

    #[test]
    fn the_header_is_read_first_and_the_rows_after_it() {
        let text = b"a,b\r\n1,2\r\n3,4";
        let mut reader = Reader::new(&text[..]);
        let mut batch = Batch::default();
        assert!(reader.first(&mut batch).unwrap());
        let header: Vec<&[u8]> = batch.first().unwrap().iter().collect();
        assert_eq!(header, [&b"a"[..], b"b"]);
        let mut rows = Vec::new();
        for_each_row(
            reader,
            false,
            |_| (),
            |row, ()| {
                rows.push((row.get(1).unwrap().to_vec(), row.byte()));
                Ok::<(), ()>(())
            },
            |_| (),
        )
        .unwrap();
        // As the `csv` crate says: a record after a CRLF starts at its `\n`.
        assert_eq!(rows, [(b"2".to_vec(), 4), (b"4".to_vec(), 9)]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Any text of commas, quotes, line breaks and letters, cut into blocks of any
        /// size, splits into the records the `csv` crate reads, at the same offsets.
        #[test]
        fn any_text_in_any_blocks_reads_as_the_csv_crate_reads_it(
            text in proptest::collection::vec(
                proptest::sample::select(&b"ab,,,\n\n\r\"  "[..]), 0..400),
            block in 1usize..64,
            parallel in proptest::bool::ANY,
        ) {
            let (seen, err) = collect_in_blocks(&text, parallel, block);
            proptest::prop_assert_eq!(err, None);
            proptest::prop_assert_eq!(&seen, &csv_crate(&text));
            // The same with the first record read on its own, as a header is.
            let mut reader = Reader::new(&text[..]);
            reader.block = block;
            let mut first = Batch::default();
            let mut all = Vec::new();
            if reader.first(&mut first).unwrap() {
                let r = first.first().unwrap();
                all.push((r.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect::<Vec<_>>(), r.byte()));
            }
            for_each_row(reader, parallel, |_| (), |r, ()| {
                all.push((r.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect(), r.byte()));
                Ok::<(), ()>(())
            }, |_| ()).unwrap();
            proptest::prop_assert_eq!(all, seen);
        }
    }

    proptest::proptest! {
        /// The separators found eight bytes at a time are those a byte-by-byte scan
        /// finds, whatever the bytes (high bits set, zero bytes, any length).
        #[test]
        fn separators_are_found_exactly(text in proptest::collection::vec(proptest::num::u8::ANY, 0..100)) {
            let naive: Vec<usize> = (0..text.len())
                .filter(|&i| matches!(text[i], b',' | b'\n' | b'\r'))
                .collect();
            proptest::prop_assert_eq!(Separators::new(&text).collect::<Vec<_>>(), naive);
        }
    }
}
