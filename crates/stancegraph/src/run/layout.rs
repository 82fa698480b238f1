//! Positions for the HTML view: Graphviz lays out small networks when it
//! is installed (on DOT the DOT exporter writes), the spring layout the
//! rest. The run asks for them; the HTML writer only takes them.

use std::time::Duration;

use crate::export::dot::{self, Config};
use crate::graphviz::Graphviz;
use crate::layout::{self, Method, Positions, choose_engine, fits_graphviz};
use crate::network::Network;

/// How long Graphviz may take to lay a view out before the spring layout
/// is used instead.
pub const LAYOUT_LIMIT: Duration = Duration::from_secs(30);

/// The positions `method` gives the network: with [`Method::Auto`],
/// Graphviz's (the engine [`choose_engine`] picks, within `limit`) when it
/// runs and the network fits it, else the spring layout's.
pub fn positions(net: &Network, method: Method, graphviz: &Graphviz, limit: Duration) -> Positions {
    if method == Method::Auto && fits_graphviz(net) {
        // Labels wrapped as the view draws them, so that Graphviz leaves
        // room for them.
        let config = Config {
            spring_layout: false,
            wrap: Some(24),
            ..Config::default()
        };
        let mut text = Vec::new();
        dot::write(net, &config, &mut text).expect("writing into memory does not fail");
        let engine = choose_engine(net, None, false);
        if let Ok(p) = layout::graphviz(graphviz, net, &text, engine, limit) {
            return p;
        }
    }
    layout::spring(net)
}
