//! What a network means: discourse coalitions (Leiden communities of
//! actors), DNA's polarization score, and DNA's backbone and redundant
//! sets of stances. Each works on a built [`Network`](crate::network::Network)
//! or on a prepared [`Dataset`](crate::model::Dataset) and gives plain
//! numbers and lists; the run puts them into the files.

pub mod backbone;
pub mod coalitions;
mod matrix;
pub mod polarization;

pub use backbone::{Backbone, BackboneError, BackboneOptions, Method, Spectrum};
pub use coalitions::{Coalition, CoalitionNetwork, CoalitionOptions, Coalitions, Member};
pub use matrix::ActorMatrix;
pub use polarization::{
    Algorithm, Objective, Polarization, PolarizationError, PolarizationOptions,
};
