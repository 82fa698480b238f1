"""DNA databases for the Python tests, made with DNA's own schema: the SQL
of tests/common/dna.rs (DNA 3.1's tables and a new database's initial
contents), read from that file so that the schema lives in one place."""

import datetime
import re
import sqlite3

from conftest import ROOT


def _constant(name):
    text = (ROOT / "tests" / "common" / "dna.rs").read_text(encoding="utf-8")
    found = re.search(rf'pub const {name}: &str = "(.*?)";\n', text, re.S)
    return found.group(1)


def create(path, statements):
    """A DNA database at ``path`` with one document per distinct date and
    ``statements`` as (date, organization, concept, agree) rows."""
    con = sqlite3.connect(path)
    con.executescript(_constant("SCHEMA"))
    con.executescript(_constant("INITIAL"))

    def variable(name):
        return con.execute("SELECT ID FROM VARIABLES WHERE Variable = ? AND StatementTypeId = 1",
                           (name,)).fetchone()[0]

    def entity(name, value):
        v = variable(name)
        row = con.execute("SELECT ID FROM ENTITIES WHERE VariableId = ? AND Value = ?", (v, value)).fetchone()
        if row:
            return row[0]
        return con.execute("INSERT INTO ENTITIES (VariableId, Value, Red, Green, Blue) VALUES (?, ?, 0, 0, 0)",
                           (v, value)).lastrowid

    for day in sorted({s[0] for s in statements}):
        rows = [s for s in statements if s[0] == day]
        quotes = [f"S{i} {org} on {concept}." for i, (_, org, concept, _) in enumerate(rows)]
        text = f"Day {day}. " + " ".join(quotes)
        epoch = int(datetime.datetime.fromisoformat(day).replace(tzinfo=datetime.timezone.utc).timestamp())
        doc = con.execute(
            "INSERT INTO DOCUMENTS (Title, Text, Coder, Author, Source, Section, Type, Date) "
            "VALUES (?, ?, 1, '', '', '', '', ?)", (f"doc {day}", text, epoch)).lastrowid
        for quote, (_, org, concept, agree) in zip(quotes, rows):
            start = len(text[:text.index(quote)].encode("utf-16-le")) // 2
            stop = start + len(quote.encode("utf-16-le")) // 2
            s = con.execute("INSERT INTO STATEMENTS (StatementTypeId, DocumentId, Start, Stop, Coder) "
                            "VALUES (1, ?, ?, ?, 1)", (doc, start, stop)).lastrowid
            for name, value in [("person", ""), ("organization", org), ("concept", concept)]:
                con.execute("INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (?, ?, ?)",
                            (s, variable(name), entity(name, value)))
            con.execute("INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (?, 4, ?)",
                        (s, int(agree)))
    con.commit()
    con.close()
