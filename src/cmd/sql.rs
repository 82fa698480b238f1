//! `stancegraph sql`: the query that computes a network where the
//! statements live.

use stancegraph::network::Options;
use stancegraph::sql::edge_query;

use super::Error;
use crate::cli::SqlArgs;

/// Prints the query.
pub fn run(args: SqlArgs) -> Result<(), Error> {
    let opts = Options {
        kind: args.network,
        qualifier: args.qualifier,
        normalization: args.normalize,
        duplicates: args.duplicates,
        ..Options::default()
    };
    let query = edge_query(&opts, args.dialect).map_err(|e| Error::options(&e))?;
    print!("{query}");
    Ok(())
}
