//! The title of a picture or view.

use crate::model::Dataset;
use crate::network::Network;

/// The title of a picture or view: the dataset, the network with what made
/// it (`details`), and the dates of its statements.
pub fn title(ds: &Dataset, net: &Network, details: &[String]) -> String {
    let mut parts = vec![ds.name.clone(), format!("{} network", net.name)];
    parts.extend(details.iter().cloned());
    match ds.date_range().range {
        Some((f, l)) if f == l => parts.push(f.to_string()),
        Some((f, l)) => parts.push(format!("{f} to {l}")),
        None => {}
    }
    parts.join(" · ")
}
