package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations is the schema history. migrations[i] takes a database from
// user_version i to i+1. Append new migrations; never edit or reorder one
// that has shipped, since files in the field record only their version.
var migrations = []string{
	// 1: articles, their segmentation and the full-text index.
	`
CREATE TABLE articles (
	seq              INTEGER PRIMARY KEY,
	id               TEXT    NOT NULL UNIQUE CHECK (id <> ''),
	content_hash     TEXT    NOT NULL UNIQUE CHECK (content_hash <> ''),
	source_file      TEXT    NOT NULL,
	source_path      TEXT    NOT NULL,
	source_line      INTEGER NOT NULL,
	format           TEXT    NOT NULL,
	url              TEXT    NOT NULL,
	outlet           TEXT    NOT NULL,
	title            TEXT    NOT NULL,
	author           TEXT    NOT NULL,
	dateline         TEXT    NOT NULL,
	syndicated_from  TEXT    NOT NULL,
	published        TEXT    NOT NULL,
	published_source TEXT    NOT NULL,
	language         TEXT    NOT NULL,
	date_candidates  TEXT,
	diagnostics      TEXT,
	token_count      INTEGER NOT NULL,
	raw              TEXT    NOT NULL,
	text             TEXT    NOT NULL,
	tokens           BLOB    NOT NULL
) STRICT;

CREATE TABLE paragraphs (
	article_id TEXT    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx        INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	raw_start  INTEGER NOT NULL,
	raw_end    INTEGER NOT NULL,
	kind       TEXT    NOT NULL,
	PRIMARY KEY (article_id, idx)
) STRICT, WITHOUT ROWID;

CREATE TABLE sentences (
	article_id  TEXT    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx         INTEGER NOT NULL,
	span_start  INTEGER NOT NULL,
	span_end    INTEGER NOT NULL,
	paragraph   INTEGER NOT NULL,
	first_token INTEGER NOT NULL,
	end_token   INTEGER NOT NULL,
	PRIMARY KEY (article_id, idx)
) STRICT, WITHOUT ROWID;

CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title,
	text,
	content = 'articles',
	content_rowid = 'seq',
	tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
	INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, text)
	VALUES ('delete', old.seq, old.title, old.text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF seq, title, text ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, text)
	VALUES ('delete', old.seq, old.title, old.text);
	INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
`,
	// 2: annotations: time expressions, actor mentions, quotes and events.
	`
CREATE TABLE timexes (
	article_id TEXT    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx        INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	sentence   INTEGER NOT NULL,
	text       TEXT    NOT NULL,
	type       TEXT    NOT NULL,
	value      TEXT    NOT NULL,
	precision  TEXT    NOT NULL,
	PRIMARY KEY (article_id, idx)
) STRICT, WITHOUT ROWID;

CREATE TABLE mentions (
	article_id TEXT    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx        INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	sentence   INTEGER NOT NULL,
	text       TEXT    NOT NULL,
	kind       TEXT    NOT NULL,
	actor      TEXT    NOT NULL,
	sector     TEXT    NOT NULL,
	person     TEXT    NOT NULL,
	entity     INTEGER NOT NULL,
	via        TEXT    NOT NULL,
	PRIMARY KEY (article_id, idx)
) STRICT, WITHOUT ROWID;

CREATE INDEX mentions_actor ON mentions (actor, sector) WHERE actor <> '';
CREATE INDEX mentions_person ON mentions (person) WHERE person <> '';

CREATE TABLE quotes (
	article_id     TEXT    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx            INTEGER NOT NULL,
	id             TEXT    NOT NULL,
	span_start     INTEGER NOT NULL,
	span_end       INTEGER NOT NULL,
	text           TEXT    NOT NULL,
	kind           TEXT    NOT NULL,
	cue            TEXT    NOT NULL,
	cue_start      INTEGER NOT NULL,
	cue_end        INTEGER NOT NULL,
	-- speaker: has_speaker = 0 stores a quote without one (the other
	-- speaker columns are then empty).
	has_speaker    INTEGER NOT NULL,
	speaker        TEXT    NOT NULL,
	speaker_actor  TEXT    NOT NULL,
	speaker_sector TEXT    NOT NULL,
	description    TEXT    NOT NULL,
	anonymous      INTEGER NOT NULL,
	mention_start  INTEGER NOT NULL,
	mention_end    INTEGER NOT NULL,
	channel        TEXT    NOT NULL,
	PRIMARY KEY (article_id, idx)
) STRICT, WITHOUT ROWID;

CREATE INDEX quotes_speaker ON quotes (speaker_actor, speaker) WHERE has_speaker = 1;

CREATE TABLE events (
	article_id     TEXT    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx            INTEGER NOT NULL,
	id             TEXT    NOT NULL,
	sentence       INTEGER NOT NULL,
	span_start     INTEGER NOT NULL,
	span_end       INTEGER NOT NULL,
	trigger        TEXT    NOT NULL,
	trigger_start  INTEGER NOT NULL,
	trigger_end    INTEGER NOT NULL,
	source         TEXT    NOT NULL,
	source_sector  TEXT    NOT NULL,
	source_text    TEXT    NOT NULL,
	source_start   INTEGER NOT NULL,
	source_end     INTEGER NOT NULL,
	target         TEXT    NOT NULL,
	target_sector  TEXT    NOT NULL,
	target_text    TEXT    NOT NULL,
	target_start   INTEGER NOT NULL,
	target_end     INTEGER NOT NULL,
	cameo          TEXT    NOT NULL,
	root           TEXT    NOT NULL,
	plover         TEXT    NOT NULL,
	mode           TEXT    NOT NULL,
	goldstein      REAL    NOT NULL,
	quad           INTEGER NOT NULL,
	negated        INTEGER NOT NULL,
	modality       TEXT    NOT NULL,
	date           TEXT    NOT NULL,
	date_precision TEXT    NOT NULL,
	date_basis     TEXT    NOT NULL,
	date_start     INTEGER NOT NULL,
	date_end       INTEGER NOT NULL,
	location       TEXT    NOT NULL,
	quote          TEXT    NOT NULL,
	PRIMARY KEY (article_id, idx)
) STRICT, WITHOUT ROWID;

CREATE INDEX events_dyad ON events (source, target, date);
CREATE INDEX events_target ON events (target, date);
CREATE INDEX events_date ON events (date);
`,
	// 3: stories, copy links, merged events and the story index state.
	`
CREATE TABLE stories (
	seq    INTEGER PRIMARY KEY,
	id     TEXT    NOT NULL UNIQUE,
	level  TEXT    NOT NULL CHECK (level IN ('event', 'storyline')),
	parent TEXT    NOT NULL,
	title  TEXT    NOT NULL,
	first  TEXT    NOT NULL,
	last   TEXT    NOT NULL
) STRICT;

CREATE TABLE story_articles (
	story_id   TEXT    NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	idx        INTEGER NOT NULL,
	article_id TEXT    NOT NULL,
	PRIMARY KEY (story_id, idx)
) STRICT, WITHOUT ROWID;

CREATE INDEX story_articles_article ON story_articles (article_id);

CREATE TABLE duplicate_links (
	article_id  TEXT NOT NULL PRIMARY KEY,
	original_id TEXT NOT NULL,
	similarity  REAL NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE merged_events (
	seq           INTEGER PRIMARY KEY,
	id            TEXT    NOT NULL UNIQUE,
	story_id      TEXT    NOT NULL,
	source        TEXT    NOT NULL,
	target        TEXT    NOT NULL,
	cameo         TEXT    NOT NULL,
	root          TEXT    NOT NULL,
	plover        TEXT    NOT NULL,
	goldstein     REAL    NOT NULL,
	quad          INTEGER NOT NULL,
	date          TEXT    NOT NULL,
	negated       INTEGER NOT NULL,
	corroboration INTEGER NOT NULL,
	articles      TEXT    NOT NULL, -- JSON array of article IDs
	reports       TEXT    NOT NULL, -- JSON array of model.EventRef
	disagreements TEXT              -- JSON array of model.Disagreement, or NULL
) STRICT;

CREATE INDEX merged_events_story ON merged_events (story_id, date);
CREATE INDEX merged_events_dyad ON merged_events (source, target, date);

CREATE INDEX events_plover ON events (plover, date);

CREATE TABLE story_index (
	one   INTEGER PRIMARY KEY CHECK (one = 1),
	state BLOB NOT NULL
) STRICT;
`,
}

// migrate brings the database on db up to len(migrations). It runs in one
// transaction on the write pool (BEGIN IMMEDIATE), so concurrent openers of
// the same file serialise and later ones find nothing to do; a failed
// migration leaves the file at its old version.
func migrate(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: migrate: begin: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("sqlite: migrate: read user_version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("sqlite: migrate: database schema version %d is newer than this program's %d", version, len(migrations))
	}
	if version == len(migrations) {
		return tx.Rollback()
	}
	for i := version; i < len(migrations); i++ {
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			return fmt.Errorf("sqlite: migrate to version %d: %w", i+1, err)
		}
	}
	// PRAGMA takes no parameters; the value is an integer we control.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(migrations))); err != nil {
		return fmt.Errorf("sqlite: migrate: set user_version: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: migrate: commit: %w", err)
	}
	return nil
}
