package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// migrations is the schema history: migrations[i] takes a schema from
// version i to i+1 (version 0 is an empty schema). Append new migrations;
// never edit or reorder one that has shipped, since databases in the field
// record only their version. Each runs in the migrating transaction with
// search_path set to the store's schema, so names stay unqualified.
var migrations = []string{
	// 1: articles with their segmentation, annotations (time expressions,
	// mentions, quotes, events) and text search.
	`
CREATE SEQUENCE articles_seq;

CREATE TABLE articles (
	seq              bigint  PRIMARY KEY,
	id               text    NOT NULL UNIQUE CHECK (id <> ''),
	content_hash     text    NOT NULL UNIQUE CHECK (content_hash <> ''),
	source_file      text    NOT NULL,
	source_path      text    NOT NULL,
	source_line      integer NOT NULL,
	format           text    NOT NULL,
	url              text    NOT NULL,
	outlet           text    NOT NULL,
	title            text    NOT NULL,
	author           text    NOT NULL,
	dateline         text    NOT NULL,
	syndicated_from  text    NOT NULL,
	published        text    NOT NULL,
	published_source text    NOT NULL,
	language         text    NOT NULL,
	date_candidates  jsonb,
	diagnostics      jsonb,
	raw              text    NOT NULL,
	text             text    NOT NULL,
	paragraphs       bytea   NOT NULL,
	sentences        bytea   NOT NULL,
	tokens           bytea   NOT NULL,
	paragraph_count  integer NOT NULL,
	sentence_count   integer NOT NULL,
	token_count      integer NOT NULL,
	timex_count      integer NOT NULL,
	mention_count    integer NOT NULL,
	quote_count      integer NOT NULL,
	event_count      integer NOT NULL,
	stored_at        timestamptz NOT NULL DEFAULT now(),
	search           tsvector GENERATED ALWAYS AS (
		setweight(to_tsvector('english'::regconfig, left(title, 4096)), 'A') ||
		setweight(to_tsvector('english'::regconfig, left(text, 262144)), 'D')
	) STORED
);

ALTER SEQUENCE articles_seq OWNED BY articles.seq;

CREATE INDEX articles_search ON articles USING gin (search);

CREATE TABLE timexes (
	article_id text    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx        integer NOT NULL,
	span_start integer NOT NULL,
	span_end   integer NOT NULL,
	sentence   integer NOT NULL,
	text       text    NOT NULL,
	type       text    NOT NULL,
	value      text    NOT NULL,
	precision  text    NOT NULL,
	PRIMARY KEY (article_id, idx)
);

CREATE TABLE mentions (
	article_id text    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx        integer NOT NULL,
	span_start integer NOT NULL,
	span_end   integer NOT NULL,
	sentence   integer NOT NULL,
	text       text    NOT NULL,
	kind       text    NOT NULL,
	actor      text    NOT NULL,
	sector     text    NOT NULL,
	person     text    NOT NULL,
	entity     integer NOT NULL,
	via        text    NOT NULL,
	PRIMARY KEY (article_id, idx)
);

CREATE INDEX mentions_actor ON mentions (actor, sector) WHERE actor <> '';
CREATE INDEX mentions_person ON mentions (person) WHERE person <> '';

CREATE TABLE quotes (
	article_id     text    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx            integer NOT NULL,
	id             text    NOT NULL,
	span_start     integer NOT NULL,
	span_end       integer NOT NULL,
	text           text    NOT NULL,
	kind           text    NOT NULL,
	cue            text    NOT NULL,
	cue_start      integer NOT NULL,
	cue_end        integer NOT NULL,
	-- has_speaker false stores a quote without a speaker (the other
	-- speaker columns are then empty).
	has_speaker    boolean NOT NULL,
	speaker        text    NOT NULL,
	speaker_actor  text    NOT NULL,
	speaker_sector text    NOT NULL,
	description    text    NOT NULL,
	anonymous      boolean NOT NULL,
	mention_start  integer NOT NULL,
	mention_end    integer NOT NULL,
	channel        text    NOT NULL,
	PRIMARY KEY (article_id, idx)
);

CREATE INDEX quotes_speaker ON quotes (speaker_actor, speaker) WHERE has_speaker;

CREATE TABLE events (
	article_id     text    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx            integer NOT NULL,
	id             text    NOT NULL,
	sentence       integer NOT NULL,
	span_start     integer NOT NULL,
	span_end       integer NOT NULL,
	trigger        text    NOT NULL,
	trigger_start  integer NOT NULL,
	trigger_end    integer NOT NULL,
	source         text    NOT NULL,
	source_sector  text    NOT NULL,
	source_text    text    NOT NULL,
	source_start   integer NOT NULL,
	source_end     integer NOT NULL,
	target         text    NOT NULL,
	target_sector  text    NOT NULL,
	target_text    text    NOT NULL,
	target_start   integer NOT NULL,
	target_end     integer NOT NULL,
	cameo          text    NOT NULL,
	root           text    NOT NULL,
	plover         text    NOT NULL,
	mode           text    NOT NULL,
	goldstein      double precision NOT NULL,
	quad           integer NOT NULL,
	negated        boolean NOT NULL,
	modality       text    NOT NULL,
	date           text    NOT NULL,
	date_precision text    NOT NULL,
	date_basis     text    NOT NULL,
	date_start     integer NOT NULL,
	date_end       integer NOT NULL,
	location       text    NOT NULL,
	quote          text    NOT NULL,
	PRIMARY KEY (article_id, idx)
);

CREATE INDEX events_dyad ON events (source, target, date);
CREATE INDEX events_target ON events (target, date);
CREATE INDEX events_date ON events (date);
`,
	// 2: stories, copy links, merged events and the story index state.
	`
CREATE TABLE stories (
	seq    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id     text   NOT NULL UNIQUE CHECK (id <> ''),
	level  text   NOT NULL CHECK (level IN ('event', 'storyline')),
	parent text   NOT NULL,
	title  text   NOT NULL,
	first  text   NOT NULL,
	last   text   NOT NULL
);

CREATE TABLE story_articles (
	story_id   text    NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	idx        integer NOT NULL,
	article_id text    NOT NULL,
	PRIMARY KEY (story_id, idx)
);

CREATE INDEX story_articles_article ON story_articles (article_id);

CREATE TABLE duplicate_links (
	article_id  text             NOT NULL PRIMARY KEY,
	original_id text             NOT NULL,
	similarity  double precision NOT NULL
);

CREATE TABLE merged_events (
	seq           bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id            text    NOT NULL UNIQUE CHECK (id <> ''),
	story_id      text    NOT NULL,
	source        text    NOT NULL,
	target        text    NOT NULL,
	cameo         text    NOT NULL,
	root          text    NOT NULL,
	plover        text    NOT NULL,
	goldstein     double precision NOT NULL,
	quad          integer NOT NULL,
	date          text    NOT NULL,
	negated       boolean NOT NULL,
	corroboration integer NOT NULL,
	articles      jsonb   NOT NULL, -- array of article IDs
	reports       jsonb   NOT NULL, -- array of model.EventRef
	disagreements jsonb             -- array of model.Disagreement, or NULL
);

CREATE INDEX merged_events_story ON merged_events (story_id, date);
CREATE INDEX merged_events_dyad ON merged_events (source, target, date);

CREATE TABLE story_index (
	one   integer PRIMARY KEY CHECK (one = 1),
	state bytea   NOT NULL
);
`,
	// 3: LZ4 instead of pglz for the two texts, where the server has it:
	// pglz compression was a fifth of the server's CPU time per article
	// (1.35 ms against 1.11 with LZ4, measured on PolNeAR texts).
	`
DO $$
BEGIN
	ALTER TABLE articles ALTER COLUMN raw SET COMPRESSION lz4, ALTER COLUMN text SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
	RAISE NOTICE 'LZ4 not available; texts stay compressed with pglz';
END
$$;
`,
	// 4: indexes for the read side (query.go), in byte order (COLLATE
	// "C") as its orderings are: events newest first and by date range,
	// events of one PLOVER type newest first, articles newest first;
	// and an actor's articles and their number, by index-only scans.
	// events_order replaces events_date.
	`
CREATE INDEX events_order ON events (date COLLATE "C", article_id COLLATE "C", idx);
DROP INDEX events_date;
CREATE INDEX events_plover ON events (plover, date COLLATE "C", article_id COLLATE "C", idx);
CREATE INDEX articles_published ON articles (published COLLATE "C", seq);
CREATE INDEX mentions_actor_article ON mentions (actor, article_id) WHERE actor <> '';
`,
}

// lockClass is the first key of the advisory locks this package takes
// ("SITR"); the second is hashtext(schema name).
const lockClass = 0x53495452

// migrate creates schema if needed and brings it to len(migrations), in one
// transaction under an advisory lock on the schema name: concurrent openers
// serialise and later ones find nothing to do, and a failed migration
// leaves the schema at its old version.
func migrate(ctx context.Context, conn *pgx.Conn, schema string) (err error) {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: migrate: begin: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback(context.Background())
		}
	}()
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, hashtext($2))`, lockClass, schema); err != nil {
		return fmt.Errorf("postgres: migrate: lock: %w", err)
	}
	ident := pgx.Identifier{schema}.Sanitize()
	if _, err := tx.Exec(ctx, `CREATE SCHEMA IF NOT EXISTS `+ident); err != nil {
		return fmt.Errorf("postgres: migrate: create schema %s: %w", ident, err)
	}
	if _, err := tx.Exec(ctx, `SET LOCAL search_path TO `+ident); err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	if _, err := tx.Exec(ctx, `
CREATE TABLE IF NOT EXISTS schema_migrations (
	version    integer     PRIMARY KEY,
	applied_at timestamptz NOT NULL DEFAULT now()
)`); err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	var version int
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		return fmt.Errorf("postgres: migrate: read version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("postgres: migrate: schema %s is at version %d, newer than this program's %d", ident, version, len(migrations))
	}
	for i := version; i < len(migrations); i++ {
		if _, err := tx.Exec(ctx, migrations[i]); err != nil {
			return fmt.Errorf("postgres: migrate to version %d: %w", i+1, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, i+1); err != nil {
			return fmt.Errorf("postgres: migrate to version %d: %w", i+1, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: migrate: commit: %w", err)
	}
	return nil
}
