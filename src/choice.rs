//! clap value parsers for the library's closed sets of values: the names
//! and help of [`Choice`] values, so that the library needs no clap.

use std::ffi::OsStr;
use std::marker::PhantomData;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use stancegraph::Choice;

/// Parses one of `T`'s names into `T`.
#[derive(Debug)]
pub struct ChoiceParser<T>(PhantomData<T>);

impl<T> Clone for ChoiceParser<T> {
    fn clone(&self) -> Self {
        ChoiceParser(PhantomData)
    }
}

/// The value parser of a [`Choice`]: `#[arg(value_parser = choice::<Kind>())]`.
pub fn choice<T: Choice>() -> ChoiceParser<T> {
    ChoiceParser(PhantomData)
}

/// A value as clap lists it: its name, and its help without the final
/// period (as clap's derive writes doc comments).
pub fn possible_value<T: Choice>(c: T) -> PossibleValue {
    let help = c.help();
    PossibleValue::new(c.name()).help(help.strip_suffix('.').unwrap_or(help))
}

impl<T: Choice + Send + Sync> TypedValueParser for ChoiceParser<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        // clap's own parser gives clap's own messages for a wrong value.
        let name = PossibleValuesParser::new(T::ALL.iter().map(|c| possible_value(*c)))
            .parse_ref(cmd, arg, value)?;
        Ok(T::parse(&name).expect("clap accepted one of the names"))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(T::ALL.iter().map(|c| possible_value(*c))))
    }
}
