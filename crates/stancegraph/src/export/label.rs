//! Labels for the formats whose quoting cannot hold every character: Pajek
//! and UCINET DL read a label up to the next double quote or line end, and
//! have no escape for either (igraph and UCINET do not undo `\"`). There a
//! label keeps every other character, a `"` becomes `'` and a line break a
//! space, and the export says how many labels changed.

use std::borrow::Cow;

use crate::network::Network;

/// The label on one line without double quotes.
///
/// ```
/// use stancegraph::export::one_line;
/// assert_eq!(one_line("say \"hi\"\r\nthere"), "say 'hi' there");
/// assert_eq!(one_line("C:\\new"), "C:\\new");
/// ```
pub fn one_line(label: &str) -> Cow<'_, str> {
    if !label.contains(['"', '\n', '\r']) {
        return Cow::Borrowed(label);
    }
    let mut out = String::with_capacity(label.len());
    let mut chars = label.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push('\''),
            '\r' => {
                // CR LF is one line break.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(' ');
            }
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The notice for the labels [`one_line`] changes in a network, if any.
pub fn notice(format: &str, net: &Network) -> Option<String> {
    let changed = net
        .graph
        .node_weights()
        .filter(|n| matches!(one_line(&n.label), Cow::Owned(_)))
        .count();
    (changed > 0).then(|| {
        format!(
            "{format}: {changed} label{} of {} hold a double quote or a line break, which {format} cannot hold: written with ' for \" and a space for each line break",
            if changed == 1 { "" } else { "s" },
            net.name
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_line_break_is_one_space() {
        assert_eq!(one_line("a\nb\rc\r\nd\n\re"), "a b c d  e");
        assert!(matches!(one_line("plain Україна"), Cow::Borrowed(_)));
    }
}
