//! The closed sets of values that options take (a network kind, a format,
//! a normalization): each value with its name, as the command line, the
//! Python package and scripts spell it, and a line of help. The command
//! line builds its value parsers from these; the library has no command
//! line in it.

use std::fmt;

/// A value of a closed set, with its name and help.
pub trait Choice: Copy + Sized + 'static {
    /// Every value, in order.
    const ALL: &'static [Self];
    /// What the set is, in messages: "network", "format".
    const WHAT: &'static str;
    /// The value's name.
    fn name(self) -> &'static str;
    /// A line of help on the value.
    fn help(self) -> &'static str;
    /// The value of a name, as [`Choice::name`] spells it (ASCII case
    /// ignored).
    fn parse(name: &str) -> Result<Self, UnknownChoice> {
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.name().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| UnknownChoice {
                what: Self::WHAT,
                given: name.to_string(),
                known: Self::ALL.iter().map(|c| c.name()).collect(),
            })
    }
}

/// A name that is none of a set's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownChoice {
    /// What the set is.
    pub what: &'static str,
    /// The name given.
    pub given: String,
    /// The names there are.
    pub known: Vec<&'static str>,
}

impl fmt::Display for UnknownChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} '{}'; use {}",
            self.what,
            self.given,
            self.known.join(", ")
        )
    }
}

impl std::error::Error for UnknownChoice {}

/// Defines an enum of [`Choice`] values: each variant is written
/// `Variant = "name": "help"`, and the help is also its doc comment.
macro_rules! choices {
    (
        $(#[$meta:meta])*
        pub enum $name:ident as $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal : $help:literal, )*
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $( #[doc = $help] $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// The value's name, as the command line spells it.
            pub fn name(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )*
                }
            }
        }

        impl $crate::choice::Choice for $name {
            const ALL: &'static [Self] = &[$( $name::$variant ),*];
            const WHAT: &'static str = $what;
            fn name(self) -> &'static str {
                $name::name(self)
            }
            fn help(self) -> &'static str {
                match self {
                    $( $name::$variant => $help, )*
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($name::name(*self))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::choice::UnknownChoice;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <$name as $crate::choice::Choice>::parse(s)
            }
        }
    };
}

pub(crate) use choices;

/// How a caller names the library's options in its messages: the library
/// names an option by its plain name (`level`), the command line as a flag
/// (`--level`), the Python package as a keyword (`level=`). Errors that
/// name an option take a spelling; their `Display` uses [`Spelling::PLAIN`].
#[derive(Clone, Copy)]
pub struct Spelling(pub fn(&str) -> String);

impl Spelling {
    /// Options by their plain names.
    pub const PLAIN: Spelling = Spelling(plain);

    /// The option `name`, as this caller writes it.
    pub fn option(self, name: &str) -> String {
        (self.0)(name)
    }
}

fn plain(name: &str) -> String {
    name.to_string()
}

impl Default for Spelling {
    fn default() -> Spelling {
        Spelling::PLAIN
    }
}

impl fmt::Debug for Spelling {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Spelling({})", self.option("name"))
    }
}

impl PartialEq for Spelling {
    /// Spellings are equal when they spell an option alike.
    fn eq(&self, other: &Spelling) -> bool {
        self.option("name") == other.option("name")
    }
}

impl Eq for Spelling {}

/// An error whose message names options, written with a caller's
/// [`Spelling`].
pub trait Spelled {
    /// Writes the message, each option spelled by `spelling`.
    fn spell(&self, spelling: Spelling, f: &mut fmt::Formatter<'_>) -> fmt::Result;

    /// The message, each option spelled by `spelling`.
    fn spelled(&self, spelling: Spelling) -> String
    where
        Self: Sized,
    {
        struct Text<'a, E>(&'a E, Spelling);
        impl<E: Spelled> fmt::Display for Text<'_, E> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.spell(self.1, f)
            }
        }
        Text(self, spelling).to_string()
    }
}

/// Options spelled as flags (`--level`), for the tests.
#[cfg(test)]
pub(crate) const FLAGS: Spelling = Spelling(|name| format!("--{name}"));

/// Serializes a choice as its name (for `#[serde(serialize_with)]`).
pub(crate) fn serialize_name<C: Choice, S: serde::Serializer>(
    c: &C,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.name())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::Kind;

    #[test]
    fn names_parse_back_and_unknown_ones_list_the_known() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.name()), Ok(*kind));
            assert_eq!(kind.to_string(), kind.name());
        }
        assert_eq!("CONGRUENCE".parse::<Kind>(), Ok(Kind::Congruence));
        let e = "kongruence".parse::<Kind>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown network 'kongruence'; use full, affiliation, congruence, conflict, subtract, cooccurrence, interaction"
        );
    }

    #[test]
    fn a_spelling_names_options_its_callers_way() {
        assert_eq!(Spelling::PLAIN.option("level"), "level");
        assert_eq!(FLAGS.option("level"), "--level");
        assert_ne!(Spelling::PLAIN, FLAGS);
    }
}
