//! The floor for the benchmark: one parse of the input with the csv crate,
//! plus writing the same number of bytes as the export wrote. No program
//! that reads the input and writes its output can do much better.
//!
//! `cargo run --release --example floor -- INPUT.csv BYTES OUT`

#[path = "support/write.rs"]
mod write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, bytes, out] = args.as_slice() else {
        return Err("usage: floor INPUT.csv BYTES OUT".into());
    };
    // A tab-separated file without a header or quoting (GDELT's events
    // export, read with --preset gdelt) is parsed as that reader does.
    let mut first = Vec::new();
    std::io::BufRead::read_until(
        &mut std::io::BufReader::new(std::fs::File::open(input)?),
        b'\n',
        &mut first,
    )?;
    let head = first.iter().filter(|&&c| c == b'\t').count();
    let mut rdr = if head >= 50 {
        csv::ReaderBuilder::new()
            .delimiter(b'\t')
            .has_headers(false)
            .quoting(false)
            .flexible(true)
            .from_path(input)?
    } else {
        csv::Reader::from_path(input)?
    };
    let mut record = csv::ByteRecord::new();
    let (mut rows, mut fields) = (0u64, 0u64);
    while rdr.read_byte_record(&mut record)? {
        rows += 1;
        fields += record.len() as u64;
    }
    let total: u64 = bytes.parse()?;
    write::write_bytes(total, out)?;
    eprintln!("{rows} rows, {fields} fields read; {total} bytes written");
    Ok(())
}
