//! Helpers shared by the integration tests: running the binary, writing
//! fixtures, and finding the real tools the conformance tests compare with.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::Command as Cmd;

#[path = "../../fuzz/src/dot.rs"]
pub mod dot;

/// The `stancegraph` binary, run in `dir`.
pub fn stancegraph(dir: &Path) -> Cmd {
    let mut cmd = Cmd::cargo_bin("stancegraph").unwrap();
    cmd.current_dir(dir);
    cmd
}

/// Writes `files` (name, contents) into a new temporary directory.
pub fn fixture(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

/// Every file under `dir`, relative, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            out.push(p.strip_prefix(dir).unwrap().display().to_string());
        }
    }
    out.sort();
    out
}

/// True when `STANCEGRAPH_CONFORMANCE=1`: a missing tool is then a failure.
pub fn conformance_required() -> bool {
    std::env::var("STANCEGRAPH_CONFORMANCE").is_ok_and(|v| v == "1")
}

/// The one way a test steps aside: with no reason, it runs (true); with
/// one, it is skipped with the reason printed, or fails under
/// `STANCEGRAPH_CONFORMANCE=1`, where every check must run.
pub fn runs_unless(missing: Option<String>) -> bool {
    let Some(reason) = missing else {
        return true;
    };
    assert!(
        !conformance_required(),
        "{reason}, and STANCEGRAPH_CONFORMANCE=1 requires it"
    );
    eprintln!("SKIPPED: {reason}");
    false
}

/// Checks that a tool runs (`probe` is its arguments for a harmless call);
/// see [`runs_unless`].
pub fn tool_available(program: &str, probe: &[&str]) -> bool {
    let ok = Command::new(program)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success());
    runs_unless((!ok).then(|| {
        format!(
            "`{program} {}` does not run; install it to run this conformance test",
            probe.join(" ")
        )
    }))
}

/// Whether Python with NetworkX is there (see [`tool_available`]).
pub fn networkx_available() -> bool {
    tool_available("python3", &["-c", "import networkx"])
}

/// The shared schemas: `$STANCEGRAPH_SCHEMAS`, or `../shared/schemas` beside
/// the repository.
pub fn schemas_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("STANCEGRAPH_SCHEMAS") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas"),
    };
    let missing = (!dir.join("graphml/graphml.xsd").is_file())
        .then(|| format!("no schemas at {} (set STANCEGRAPH_SCHEMAS)", dir.display()));
    runs_unless(missing).then_some(dir)
}

/// Validates a GraphML file with xmllint against the shared XSD; returns
/// whether it is valid and xmllint's messages.
pub fn validate_graphml(schemas: &Path, file: &Path) -> (bool, String) {
    let out = Command::new("xmllint")
        .env("XML_CATALOG_FILES", schemas.join("catalog.xml"))
        .args(["--nonet", "--noout", "--schema"])
        .arg(schemas.join("graphml/graphml.xsd"))
        .arg(file)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The output of a command that must have succeeded (else the test fails
/// with its standard error).
pub fn succeeded(out: std::process::Output) -> std::process::Output {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs a Python script with arguments; returns its standard output, or
/// panics with its standard error.
pub fn python(script: &str, args: &[&str]) -> String {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A statements CSV whose names test every format's escaping: quotes,
/// backslashes (one trailing), line breaks, markup characters, non-ASCII,
/// DOT keywords in any case, and names that start with a digit.
pub const TRICKY_CSV: &str = "actor,stance,agree,actor_kind,country,quote\n\
\"Zelenskyy's \"\"office\"\"\",graph,yes,organization,Україна,\"He said: \"\"No\"\"\"\n\
Jean-Noël Barrot,NODE,no,person,France,a \\ b\n\
\"two\nlines\",Strict,yes,,,\"<b>&amp;</b>\"\n\
back\\slash\\,\"1a, 2b\",+,,,\n\
1st actor,DiGraph <&> 'subgraph',-,,,\"cr\rhere\"\n\
\"Zelenskyy's \"\"office\"\"\",NODE,disagree,,,\n";

/// The labels in [`TRICKY_CSV`], as they must come back from every format.
pub const TRICKY_LABELS: &[&str] = &[
    "Zelenskyy's \"office\"",
    "Jean-Noël Barrot",
    "two\nlines",
    "back\\slash\\",
    "1st actor",
    "Україна",
    "France",
    "graph",
    "NODE",
    "Strict",
    "1a, 2b",
    "DiGraph <&> 'subgraph'",
];

/// A dataset whose actors, stances and countries carry typed attributes:
/// text, whole numbers (one beyond 32 bits), decimals, booleans, colours,
/// names that had to change, and blanks.
pub fn attributed() -> tempfile::TempDir {
    fixture(&[
        (
            "d/statements.csv",
            b"actor,stance,agree,date\nspd,coal,no,2025-01-10\ngp,coal,yes,2025-01-11\nbdi,tax,yes,2025-02-01\nspd,tax,yes,2025-02-02\n",
        ),
        (
            "d/actors.csv",
            "id,label,kind,country,party family,founded,members,share,active,color\n\
             spd,SPD,organization,de,social democrats,1863,365000,0.164,true,#e3000f\n\
             gp,Greenpeace,organization,de,,1971,3000000000,,TRUE,\n\
             bdi,BDI,organization,de,,1949,,0.5,false,#004b87\n"
                .as_bytes(),
        ),
        (
            "d/stances.csv",
            b"id,label,topic,priority,contested\ncoal,Coal exit by 2030,energy,1,yes\ntax,Carbon tax,economy,2,no\n",
        ),
        ("d/countries.csv", b"id,label,eu\nde,Germany,true\n"),
    ])
}

pub mod dna;

/// A fixed pseudo-random sequence for test data: each call gives a number
/// below `n` (a 64-bit linear congruential generator, the upper bits).
pub fn lcg(seed: u64) -> impl FnMut(u64) -> u64 {
    let mut state = seed;
    move |n: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % n
    }
}

/// Runs one of the tests' Python scripts (`tests/<script>`) with arguments;
/// returns the JSON it prints, or panics with its standard error.
pub fn python_json(script: &str, args: &[&std::ffi::OsStr]) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(script);
    let out = Command::new("python3")
        .arg(path)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{script} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The data an HTML view embeds (its `sg-data` script element), parsed.
pub fn view_data(html: &str) -> serde_json::Value {
    let marker = r#"id="sg-data">"#;
    let start = html.find(marker).expect("an HTML view") + marker.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}
