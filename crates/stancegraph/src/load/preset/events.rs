//! What the thread that reads an event file hands the thread that resolves
//! its rows: batches of rows (their values in one text buffer, each row as
//! ranges of it), with the problems and notes found among them, in file
//! order. Parsing and mapping run beside resolving, as for statements
//! tables.

use std::ops::Range;
use std::sync::mpsc::SyncSender;

use crate::load::diag::Diagnostic;
use crate::load::table::{Cells, MAX_COLUMNS, RowAt, STATEMENTS};

/// The most statement fields a preset reads.
pub(super) const MAX_FIELDS: usize = 10;

/// Rows a batch holds at most.
const BATCH: usize = 1024;

/// One thing found in the file, in its place.
pub(super) enum Event {
    /// The statement fields every row carries, by name; before any row.
    Fields(Vec<String>),
    /// An event mapped onto a statement's columns.
    Row(EventRow),
    /// A problem: the load fails.
    Error(Diagnostic),
    /// A note or a warning.
    Warning(Diagnostic),
}

/// Events of the file, and the text their rows' values are in.
pub(super) struct Batch {
    pub text: String,
    pub events: Vec<Event>,
}

/// One event as a statement row: where its values are in its batch's
/// text.
pub(super) struct EventRow {
    pub line: u64,
    values: [Option<Range<u32>>; MAX_COLUMNS],
    fields: [Option<Range<u32>>; MAX_FIELDS],
}

impl EventRow {
    /// The row's cells, at `at`, with its first `fields` fields.
    pub fn cells<'b>(&self, text: &'b str, at: &'b RowAt, fields: usize) -> Cells<'b> {
        let value =
            |r: &Option<Range<u32>>| r.clone().map(|r| &text[r.start as usize..r.end as usize]);
        let mut cells = Cells::new(at, fields);
        for (v, r) in cells.values.iter_mut().zip(&self.values) {
            *v = value(r);
        }
        for (v, r) in cells.extra.iter_mut().zip(&self.fields) {
            *v = value(r);
        }
        cells
    }
}

/// The reading thread's end of the channel.
pub(super) struct Events {
    tx: SyncSender<Batch>,
    batch: Batch,
}

impl Events {
    pub fn new(tx: SyncSender<Batch>) -> Events {
        Events {
            tx,
            batch: Batch::empty(),
        }
    }

    /// Starts a row of the event at `line`; [`RowWriter::done`] adds it.
    pub fn row(&mut self, line: u64) -> RowWriter<'_> {
        RowWriter {
            row: EventRow {
                line,
                values: Default::default(),
                fields: Default::default(),
            },
            events: self,
        }
    }

    pub fn fields(&mut self, names: Vec<String>) {
        self.push(Event::Fields(names));
    }

    pub fn error(&mut self, problem: Diagnostic) {
        self.push(Event::Error(problem));
    }

    pub fn warn(&mut self, note: Diagnostic) {
        self.push(Event::Warning(note));
    }

    fn push(&mut self, event: Event) {
        self.batch.events.push(event);
        if self.batch.events.len() >= BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let batch = std::mem::replace(&mut self.batch, Batch::empty());
        // The resolving thread only stops receiving when it is gone, and
        // then nobody needs the rest.
        let _ = self.tx.send(batch);
    }

    /// Sends what is left.
    pub fn finish(mut self) {
        if !self.batch.events.is_empty() {
            self.flush();
        }
    }
}

impl Batch {
    fn empty() -> Batch {
        Batch {
            text: String::with_capacity(1 << 16),
            events: Vec::with_capacity(BATCH),
        }
    }
}

/// A row being written into its batch.
pub(super) struct RowWriter<'e> {
    events: &'e mut Events,
    row: EventRow,
}

impl RowWriter<'_> {
    fn text(&mut self, value: Option<&str>) -> Option<Range<u32>> {
        let text = &mut self.events.batch.text;
        let start = text.len();
        text.push_str(value?);
        // A batch's text stays far below 4 GiB: a thousand rows.
        Some(start as u32..text.len() as u32)
    }

    /// Sets a statements column.
    pub fn put(&mut self, column: &str, value: Option<&str>) {
        if let Some(c) = STATEMENTS.index(column) {
            self.row.values[c] = self.text(value);
        }
    }

    /// Sets the statement field at `i`.
    pub fn field(&mut self, i: usize, value: Option<&str>) {
        self.row.fields[i] = self.text(value);
    }

    /// Adds the row.
    pub fn done(self) {
        self.events.push(Event::Row(self.row));
    }
}
