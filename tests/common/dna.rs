//! DNA 3 databases for the tests, made with DNA's own schema: the tables,
//! columns and constraints of DNA 3.1's `sql/Sql.java` for SQLite, and the
//! initial contents a new DNA database gets (the statement types `DNA
//! Statement` and `Annotation`, the variables `person`, `organization`,
//! `concept` and `agreement`, the attribute variables `Type`, `Alias` and
//! `Notes`, and an empty entity per short-text variable).

#![allow(dead_code)]

use std::path::Path;

use rusqlite::{Connection, params};

/// DNA's tables for SQLite.
pub const SCHEMA: &str = "
CREATE TABLE SETTINGS(
    Property TEXT PRIMARY KEY,
    Value TEXT NOT NULL);
CREATE TABLE CODERS(
    ID INTEGER NOT NULL PRIMARY KEY,
    Name TEXT NOT NULL CHECK (LENGTH(Name) < 191),
    Red INTEGER NOT NULL DEFAULT 0 CHECK (Red BETWEEN 0 AND 255),
    Green INTEGER NOT NULL DEFAULT 0 CHECK (Green BETWEEN 0 AND 255),
    Blue INTEGER NOT NULL DEFAULT 0 CHECK (Blue BETWEEN 0 AND 255),
    Refresh INTEGER NOT NULL CHECK (Refresh BETWEEN 0 AND 9999) DEFAULT 0,
    FontSize INTEGER NOT NULL CHECK (FontSize BETWEEN 1 AND 99) DEFAULT 14,
    Password TEXT NOT NULL CHECK (LENGTH(Password) < 191),
    PopupWidth INTEGER CHECK (PopupWidth BETWEEN 100 AND 9999) DEFAULT 300,
    ColorByCoder INTEGER NOT NULL CHECK (ColorByCoder BETWEEN 0 AND 1) DEFAULT 0,
    PopupDecoration INTEGER NOT NULL CHECK (PopupDecoration BETWEEN 0 AND 1) DEFAULT 0,
    PopupAutoComplete INTEGER NOT NULL CHECK (PopupAutoComplete BETWEEN 0 AND 1) DEFAULT 1,
    PermissionAddDocuments INTEGER NOT NULL CHECK (PermissionAddDocuments BETWEEN 0 AND 1) DEFAULT 1,
    PermissionEditDocuments INTEGER NOT NULL CHECK (PermissionEditDocuments BETWEEN 0 AND 1) DEFAULT 1,
    PermissionDeleteDocuments INTEGER NOT NULL CHECK (PermissionDeleteDocuments BETWEEN 0 AND 1) DEFAULT 1,
    PermissionImportDocuments INTEGER NOT NULL CHECK (PermissionImportDocuments BETWEEN 0 AND 1) DEFAULT 1,
    PermissionAddStatements INTEGER NOT NULL CHECK (PermissionAddStatements BETWEEN 0 AND 1) DEFAULT 1,
    PermissionEditStatements INTEGER NOT NULL CHECK (PermissionEditStatements BETWEEN 0 AND 1) DEFAULT 1,
    PermissionDeleteStatements INTEGER NOT NULL CHECK (PermissionDeleteStatements BETWEEN 0 AND 1) DEFAULT 1,
    PermissionEditAttributes INTEGER NOT NULL CHECK (PermissionEditAttributes BETWEEN 0 AND 1) DEFAULT 1,
    PermissionEditRegex INTEGER NOT NULL CHECK (PermissionEditRegex BETWEEN 0 AND 1) DEFAULT 1,
    PermissionEditStatementTypes INTEGER NOT NULL CHECK (PermissionEditStatementTypes BETWEEN 0 AND 1) DEFAULT 1,
    PermissionEditCoders INTEGER NOT NULL CHECK (PermissionEditCoders BETWEEN 0 AND 1) DEFAULT 1,
    PermissionEditCoderRelations INTEGER NOT NULL CHECK (PermissionEditCoderRelations BETWEEN 0 AND 1) DEFAULT 1,
    PermissionViewOthersDocuments INTEGER NOT NULL CHECK (PermissionViewOthersDocuments BETWEEN 0 AND 1) DEFAULT 1,
    PermissionEditOthersDocuments INTEGER NOT NULL CHECK (PermissionEditOthersDocuments BETWEEN 0 AND 1) DEFAULT 1,
    PermissionViewOthersStatements INTEGER NOT NULL CHECK (PermissionViewOthersStatements BETWEEN 0 AND 1) DEFAULT 1,
    PermissionEditOthersStatements INTEGER NOT NULL CHECK (PermissionEditOthersStatements BETWEEN 0 AND 1) DEFAULT 1);
CREATE TABLE DOCUMENTS(
    ID INTEGER NOT NULL PRIMARY KEY,
    Title TEXT NOT NULL CHECK (LENGTH(Title) < 191),
    Text TEXT NOT NULL,
    Coder INTEGER,
    Author TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Author) < 191),
    Source TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Source) < 191),
    Section TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Section) < 191),
    Notes TEXT NOT NULL DEFAULT '',
    Type TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Type) < 191),
    Date INTEGER NOT NULL,
    FOREIGN KEY(Coder) REFERENCES CODERS(ID) ON DELETE CASCADE);
CREATE TABLE STATEMENTTYPES(
    ID INTEGER NOT NULL PRIMARY KEY,
    Label TEXT NOT NULL CHECK (LENGTH(Label) < 191),
    Red INTEGER NOT NULL DEFAULT 0 CHECK (Red BETWEEN 0 AND 255),
    Green INTEGER NOT NULL DEFAULT 0 CHECK (Green BETWEEN 0 AND 255),
    Blue INTEGER NOT NULL DEFAULT 0 CHECK (Blue BETWEEN 0 AND 255));
CREATE TABLE VARIABLES(
    ID INTEGER NOT NULL PRIMARY KEY,
    Variable TEXT NOT NULL CHECK (LENGTH(Variable) < 191),
    DataType TEXT NOT NULL CHECK (DataType = 'boolean' OR DataType = 'integer' OR DataType = 'long text' OR DataType = 'short text') DEFAULT 'short text',
    StatementTypeId INTEGER,
    FOREIGN KEY(StatementTypeId) REFERENCES STATEMENTTYPES(ID) ON DELETE CASCADE,
    UNIQUE (Variable, StatementTypeId));
CREATE TABLE VARIABLELINKS(
    ID INTEGER NOT NULL PRIMARY KEY,
    SourceVariableId INTEGER,
    TargetVariableId INTEGER,
    CHECK (TargetVariableId != SourceVariableId),
    FOREIGN KEY(SourceVariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE,
    FOREIGN KEY(TargetVariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE);
CREATE TABLE REGEXES(
    Label TEXT PRIMARY KEY CHECK (LENGTH(Label) < 191),
    Red INTEGER NOT NULL DEFAULT 0 CHECK (Red BETWEEN 0 AND 255),
    Green INTEGER NOT NULL DEFAULT 0 CHECK (Green BETWEEN 0 AND 255),
    Blue INTEGER NOT NULL DEFAULT 0 CHECK (Blue BETWEEN 0 AND 255));
CREATE TABLE CODERRELATIONS(
    ID INTEGER NOT NULL PRIMARY KEY,
    Coder INTEGER CHECK(Coder > 0),
    OtherCoder INTEGER CHECK(OtherCoder > 0),
    viewStatements INTEGER NOT NULL DEFAULT 1 CHECK(viewStatements BETWEEN 0 AND 1),
    editStatements INTEGER NOT NULL DEFAULT 1 CHECK(editStatements BETWEEN 0 AND 1),
    viewDocuments INTEGER NOT NULL DEFAULT 1 CHECK(viewDocuments BETWEEN 0 AND 1),
    editDocuments INTEGER NOT NULL DEFAULT 1 CHECK(editDocuments BETWEEN 0 AND 1),
    CHECK (Coder != OtherCoder),
    FOREIGN KEY(Coder) REFERENCES CODERS(ID) ON DELETE CASCADE,
    FOREIGN KEY(OtherCoder) REFERENCES CODERS(ID) ON DELETE CASCADE);
CREATE TABLE STATEMENTS(
    ID INTEGER NOT NULL PRIMARY KEY,
    StatementTypeId INTEGER,
    DocumentId INTEGER,
    Start INTEGER NOT NULL CHECK(Start >= 0),
    Stop INTEGER NOT NULL CHECK(Stop >= 0),
    Coder INTEGER,
    CHECK (Start < Stop),
    FOREIGN KEY(StatementTypeId) REFERENCES STATEMENTTYPES(ID) ON DELETE CASCADE,
    FOREIGN KEY(Coder) REFERENCES CODERS(ID) ON DELETE CASCADE,
    FOREIGN KEY(DocumentId) REFERENCES DOCUMENTS(ID) ON DELETE CASCADE);
CREATE TABLE DATABOOLEAN(
    ID INTEGER PRIMARY KEY NOT NULL,
    StatementId INTEGER NOT NULL,
    VariableId INTEGER NOT NULL,
    Value INTEGER NOT NULL DEFAULT 1,
    FOREIGN KEY(StatementId) REFERENCES STATEMENTS(ID) ON DELETE CASCADE,
    FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE,
    UNIQUE (StatementId, VariableId));
CREATE TABLE DATAINTEGER(
    ID INTEGER PRIMARY KEY NOT NULL,
    StatementId INTEGER NOT NULL,
    VariableId INTEGER NOT NULL,
    Value INTEGER NOT NULL DEFAULT 0,
    FOREIGN KEY(StatementId) REFERENCES STATEMENTS(ID) ON DELETE CASCADE,
    FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE,
    UNIQUE (StatementId, VariableId));
CREATE TABLE ENTITIES(
    ID INTEGER PRIMARY KEY NOT NULL,
    VariableId INTEGER NOT NULL,
    Value TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Value) < 191),
    Red INTEGER CHECK (Red BETWEEN 0 AND 255),
    Green INTEGER CHECK (Green BETWEEN 0 AND 255),
    Blue INTEGER CHECK (Blue BETWEEN 0 AND 255),
    ChildOf INTEGER CHECK(ChildOf > 0),
    UNIQUE (VariableId, Value),
    FOREIGN KEY(ChildOf) REFERENCES ENTITIES(ID) ON DELETE CASCADE,
    FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE);
CREATE TABLE DATASHORTTEXT(
    ID INTEGER PRIMARY KEY NOT NULL,
    StatementId INTEGER NOT NULL,
    VariableId INTEGER NOT NULL,
    Entity INTEGER NOT NULL,
    FOREIGN KEY(StatementId) REFERENCES STATEMENTS(ID) ON DELETE CASCADE,
    FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE,
    FOREIGN KEY(Entity) REFERENCES ENTITIES(ID) ON DELETE CASCADE,
    UNIQUE (StatementId, VariableId));
CREATE TABLE DATALONGTEXT(
    ID INTEGER PRIMARY KEY NOT NULL,
    StatementId INTEGER NOT NULL,
    VariableId INTEGER NOT NULL,
    Value TEXT DEFAULT '',
    FOREIGN KEY(StatementId) REFERENCES STATEMENTS(ID) ON DELETE CASCADE,
    FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE,
    UNIQUE (StatementId, VariableId));
CREATE TABLE ATTRIBUTEVARIABLES(
    ID INTEGER PRIMARY KEY NOT NULL,
    VariableId INTEGER NOT NULL,
    AttributeVariable TEXT NOT NULL CHECK (LENGTH(AttributeVariable) < 191),
    UNIQUE(VariableId, AttributeVariable),
    FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE);
CREATE TABLE ATTRIBUTEVALUES(
    ID INTEGER PRIMARY KEY NOT NULL,
    EntityId INTEGER NOT NULL,
    AttributeVariableId INTEGER NOT NULL,
    AttributeValue TEXT NOT NULL DEFAULT '' CHECK (LENGTH(AttributeValue) < 191),
    UNIQUE (EntityId, AttributeVariableId),
    FOREIGN KEY(EntityId) REFERENCES ENTITIES(ID) ON DELETE CASCADE,
    FOREIGN KEY(AttributeVariableId) REFERENCES ATTRIBUTEVARIABLES(ID) ON DELETE CASCADE);
";

/// What a new DNA database holds before anything is coded.
pub const INITIAL: &str = "
INSERT INTO CODERS (ID, Name, Red, Green, Blue, Password) VALUES (1, 'Admin', 255, 255, 0, 'x');
INSERT INTO SETTINGS (Property, Value) VALUES ('version', '3.0.11');
INSERT INTO SETTINGS (Property, Value) VALUES ('date', '2023-11-19');
INSERT INTO STATEMENTTYPES (ID, Label, Red, Green, Blue) VALUES (1, 'DNA Statement', 239, 208, 51);
INSERT INTO VARIABLES (ID, Variable, DataType, StatementTypeId) VALUES (1, 'person', 'short text', 1);
INSERT INTO VARIABLES (ID, Variable, DataType, StatementTypeId) VALUES (2, 'organization', 'short text', 1);
INSERT INTO VARIABLES (ID, Variable, DataType, StatementTypeId) VALUES (3, 'concept', 'short text', 1);
INSERT INTO VARIABLES (ID, Variable, DataType, StatementTypeId) VALUES (4, 'agreement', 'boolean', 1);
INSERT INTO ATTRIBUTEVARIABLES (VariableId, AttributeVariable) VALUES (1, 'Type');
INSERT INTO ATTRIBUTEVARIABLES (VariableId, AttributeVariable) VALUES (2, 'Type');
INSERT INTO ATTRIBUTEVARIABLES (VariableId, AttributeVariable) VALUES (3, 'Type');
INSERT INTO ATTRIBUTEVARIABLES (VariableId, AttributeVariable) VALUES (1, 'Alias');
INSERT INTO ATTRIBUTEVARIABLES (VariableId, AttributeVariable) VALUES (2, 'Alias');
INSERT INTO ATTRIBUTEVARIABLES (VariableId, AttributeVariable) VALUES (3, 'Alias');
INSERT INTO ATTRIBUTEVARIABLES (VariableId, AttributeVariable) VALUES (1, 'Notes');
INSERT INTO ATTRIBUTEVARIABLES (VariableId, AttributeVariable) VALUES (2, 'Notes');
INSERT INTO ATTRIBUTEVARIABLES (VariableId, AttributeVariable) VALUES (3, 'Notes');
INSERT INTO STATEMENTTYPES (ID, Label, Red, Green, Blue) VALUES (2, 'Annotation', 211, 211, 211);
INSERT INTO VARIABLES (ID, Variable, DataType, StatementTypeId) VALUES (5, 'note', 'long text', 2);
INSERT INTO ENTITIES (VariableId, Value, Red, Green, Blue) VALUES (1, '', 0, 0, 0);
INSERT INTO ENTITIES (VariableId, Value, Red, Green, Blue) VALUES (2, '', 0, 0, 0);
INSERT INTO ENTITIES (VariableId, Value, Red, Green, Blue) VALUES (3, '', 0, 0, 0);
";

/// A DNA database being filled by a test.
pub struct DnaDb {
    pub conn: Connection,
}

/// The UTF-16 offset (Java's `String` index, as DNA stores spans) of a
/// byte offset in `text`.
pub fn utf16(text: &str, byte: usize) -> i64 {
    text[..byte].encode_utf16().count() as i64
}

impl DnaDb {
    /// A new database at `path` with DNA's tables and initial contents.
    pub fn create(path: &Path) -> DnaDb {
        let conn = Connection::open(path).unwrap();
        conn.execute_batch(SCHEMA).unwrap();
        conn.execute_batch(INITIAL).unwrap();
        DnaDb { conn }
    }

    /// The ID of a variable of statement type 1 by name.
    pub fn variable(&self, name: &str) -> i64 {
        self.conn
            .query_row(
                "SELECT ID FROM VARIABLES WHERE Variable = ? AND StatementTypeId = 1",
                [name],
                |r| r.get(0),
            )
            .unwrap()
    }

    /// Adds a document; `date` is `YYYY-MM-DD` (midnight UTC) plus an
    /// optional number of seconds into the day.
    pub fn document(
        &self,
        title: &str,
        text: &str,
        date: &str,
        seconds: i64,
        fields: [&str; 4],
    ) -> i64 {
        let day: chrono::NaiveDate = date.parse().unwrap();
        let epoch = day.and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp() + seconds;
        self.conn
            .execute(
                "INSERT INTO DOCUMENTS (Title, Text, Coder, Author, Source, Section, Type, Date) VALUES (?, ?, 1, ?, ?, ?, ?, ?)",
                params![title, text, fields[0], fields[1], fields[2], fields[3], epoch],
            )
            .unwrap();
        self.conn.last_insert_rowid()
    }

    /// The entity of `variable` with `value`, made when missing (black, as
    /// DNA makes them).
    pub fn entity(&self, variable: &str, value: &str) -> i64 {
        let v = self.variable(variable);
        let found = self.conn.query_row(
            "SELECT ID FROM ENTITIES WHERE VariableId = ? AND Value = ?",
            params![v, value],
            |r| r.get(0),
        );
        if let Ok(id) = found {
            return id;
        }
        self.conn
            .execute(
                "INSERT INTO ENTITIES (VariableId, Value, Red, Green, Blue) VALUES (?, ?, 0, 0, 0)",
                params![v, value],
            )
            .unwrap();
        self.conn.last_insert_rowid()
    }

    /// Sets an entity's colour.
    pub fn color(&self, variable: &str, value: &str, rgb: [u8; 3]) {
        let e = self.entity(variable, value);
        self.conn
            .execute(
                "UPDATE ENTITIES SET Red = ?, Green = ?, Blue = ? WHERE ID = ?",
                params![rgb[0], rgb[1], rgb[2], e],
            )
            .unwrap();
    }

    /// Adds an attribute variable to a variable.
    pub fn attribute_variable(&self, variable: &str, name: &str) -> i64 {
        let v = self.variable(variable);
        self.conn
            .execute(
                "INSERT INTO ATTRIBUTEVARIABLES (VariableId, AttributeVariable) VALUES (?, ?)",
                params![v, name],
            )
            .unwrap();
        self.conn.last_insert_rowid()
    }

    /// Sets an entity's attribute value.
    pub fn attribute(&self, variable: &str, value: &str, attribute: &str, attr_value: &str) {
        let v = self.variable(variable);
        let e = self.entity(variable, value);
        let a: i64 = self
            .conn
            .query_row(
                "SELECT ID FROM ATTRIBUTEVARIABLES WHERE VariableId = ? AND AttributeVariable = ?",
                params![v, attribute],
                |r| r.get(0),
            )
            .unwrap();
        self.conn
            .execute(
                "INSERT OR REPLACE INTO ATTRIBUTEVALUES (EntityId, AttributeVariableId, AttributeValue) VALUES (?, ?, ?)",
                params![e, a, attr_value],
            )
            .unwrap();
    }

    /// Adds a statement of type 1 over the first occurrence of `quote` in the
    /// document, with person, organization and concept values (empty for
    /// DNA's empty entity) and the agreement.
    pub fn statement(
        &self,
        doc: i64,
        quote: &str,
        person: &str,
        organization: &str,
        concept: &str,
        agree: bool,
    ) -> i64 {
        let text: String = self
            .conn
            .query_row("SELECT Text FROM DOCUMENTS WHERE ID = ?", [doc], |r| {
                r.get(0)
            })
            .unwrap();
        let at = text.find(quote).expect("the quote is in the document");
        let (start, stop) = (utf16(&text, at), utf16(&text, at + quote.len()));
        self.conn
            .execute(
                "INSERT INTO STATEMENTS (StatementTypeId, DocumentId, Start, Stop, Coder) VALUES (1, ?, ?, ?, 1)",
                params![doc, start, stop],
            )
            .unwrap();
        let s = self.conn.last_insert_rowid();
        for (variable, value) in [
            ("person", person),
            ("organization", organization),
            ("concept", concept),
        ] {
            let e = self.entity(variable, value);
            self.conn
                .execute(
                    "INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (?, ?, ?)",
                    params![s, self.variable(variable), e],
                )
                .unwrap();
        }
        self.conn
            .execute(
                "INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (?, 4, ?)",
                params![s, i64::from(agree)],
            )
            .unwrap();
        s
    }
}
