//! The escaping round trip of every writer (`fuzz/src/roundtrip.rs`, which
//! the `escaping` fuzz target runs under libFuzzer) on stable Rust: a list
//! of hostile texts, and random ones from proptest. Each value must come
//! back from each format's own parser exactly, or as the format's
//! documented replacement.

#[path = "../fuzz/src/dot.rs"]
mod dot;
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

/// Runs `cases` random cases of the round trip; returns how many the
/// loader took (the rest it rejected with an error, as it must names with
/// control characters).
fn run_cases(
    cases: u32,
    names: impl Strategy<Value = String> + Clone,
    texts: impl Strategy<Value = String> + Clone,
) -> u32 {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(cases));
    let taken = std::cell::Cell::new(0);
    runner
        .run(
            &(names.clone(), names, texts.clone(), texts),
            |(actor, stance, quote, party)| {
                if roundtrip::check(&actor, &stance, &quote, &party) {
                    taken.set(taken.get() + 1);
                }
                Ok(())
            },
        )
        .unwrap();
    taken.get()
}

#[test]
fn any_name_without_control_characters_comes_back_from_every_format() {
    // Names start with a visible character (not a space: a name of spaces
    // alone is empty, and rejected) and hold no control character; quotes
    // and attributes are anything. The loader must take every case.
    let cases = 96;
    let names = "[^\\p{C}\\s][^\\p{Cc}]{0,30}";
    let taken = run_cases(cases, names, any::<String>());
    assert_eq!(taken, cases, "the loader rejected names it must take");
}

#[test]
fn any_text_at_all_comes_back_or_is_rejected_cleanly() {
    // Anything in every field: rejected (an error, never a panic) or back
    // from every format. Most get through (85 to 94 of 96 in six runs).
    let taken = run_cases(96, any::<String>(), any::<String>());
    assert!(taken >= 60, "only {taken} of 96 random cases were taken");
}
