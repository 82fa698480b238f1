"""The coded statements of a DNA database, read with sqlite3 for the
tests' reference implementations: one row per 'DNA Statement' with its
document's date (UTC day), document id, position, organization, concept
and agreement, in DNA's order (time, document, start, stop, id)."""

import datetime
import sqlite3


def rows(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    found = db.execute(
        """
        SELECT s.ID, s.DocumentId, d.Date, s.Start, s.Stop,
          (SELECT e.Value FROM DATASHORTTEXT t JOIN ENTITIES e ON e.ID = t.Entity
             JOIN VARIABLES v ON v.ID = t.VariableId
             WHERE t.StatementId = s.ID AND v.Variable = 'organization'),
          (SELECT e.Value FROM DATASHORTTEXT t JOIN ENTITIES e ON e.ID = t.Entity
             JOIN VARIABLES v ON v.ID = t.VariableId
             WHERE t.StatementId = s.ID AND v.Variable = 'concept'),
          (SELECT b.Value FROM DATABOOLEAN b JOIN VARIABLES v ON v.ID = b.VariableId
             WHERE b.StatementId = s.ID AND v.Variable = 'agreement')
        FROM STATEMENTS s JOIN DOCUMENTS d ON d.ID = s.DocumentId
        JOIN STATEMENTTYPES st ON st.ID = s.StatementTypeId
        WHERE st.Label = 'DNA Statement'
        """
    ).fetchall()
    found.sort(key=lambda r: (r[2], r[1], r[3], r[4], r[0]))
    return [
        {
            "day": datetime.datetime.fromtimestamp(r[2], datetime.timezone.utc).date(),
            "document": r[1],
            "organization": r[5],
            "concept": r[6],
            "agree": r[7],
        }
        for r in found
    ]
