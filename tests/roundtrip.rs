//! The escaping round trip of every writer (`fuzz/src/roundtrip.rs`, which
//! the `escaping` fuzz target runs under libFuzzer) on stable Rust: a list
//! of hostile texts, and random ones from proptest. Each value must come
//! back from each format's own parser exactly, or as the format's
//! documented replacement.

#[path = "../fuzz/src/roundtrip.rs"]
mod roundtrip;

use proptest::prelude::*;

const HOSTILE: &[&str] = &[
    "Jean-Noël \"JN\" Barrot",
    "end\\",
    "C:\\new\\table",
    "say \\\"hi\\\"",
    "two\nlines",
    "cr\rhere",
    "crlf\r\nhere",
    "tab\there",
    "</script><script>alert(1)</script>",
    "<!-- comment -->",
    "]]> & <&amp;> &#10; &quot;",
    "=SUM(A1)",
    "-1",
    "a, b; c = d",
    "'quoted'",
    "graph",
    "NODE",
    "Володимир Зеленський",
    "北约",
    "e\u{301}",
    "\u{202e}rtl",
    "\u{feff}bom",
    "\u{fffe}",
    "emoji 😀",
    "#",
    "1e5",
    "true",
    "NA",
    // DL's keywords as labels (found by the escaping fuzz target).
    "data:",
    "labels:",
    "row labels:",
];

#[test]
fn hostile_texts_come_back_from_every_format() {
    for (i, text) in HOSTILE.iter().enumerate() {
        let other = HOSTILE[(i + 1) % HOSTILE.len()];
        assert!(
            roundtrip::check(text, &format!("{other} (stance)"), text, text),
            "{text:?} was rejected"
        );
    }
}

#[test]
fn names_with_control_characters_are_rejected_not_written() {
    assert!(!roundtrip::check("a\u{0}b", "s", "q", "p"));
    assert!(!roundtrip::check("a", "s\u{1b}[31m", "q", "p"));
    // A quote and an attribute may hold them: XML writes U+FFFD.
    assert!(roundtrip::check("a", "s", "bell\u{7}", "x\u{1}y"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_text_comes_back_from_every_format(
        actor in any::<String>(),
        stance in any::<String>(),
        quote in any::<String>(),
        party in any::<String>(),
    ) {
        roundtrip::check(&actor, &stance, &quote, &party);
    }
}
