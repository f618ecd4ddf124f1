// Package sqlite is sitrep's embedded store: a store.Store kept in one SQLite
// file through the pure-Go driver modernc.org/sqlite (no cgo).
//
// # Connections and concurrency
//
// A Store holds two database/sql pools on the same file. The write pool has
// exactly one connection, so database/sql itself queues writers (SQLite allows
// one writer at a time) and a waiting writer gives up when its context ends.
// Its transactions start with BEGIN IMMEDIATE, so a writer in another process
// waits under busy_timeout instead of failing on a lock upgrade. The read pool
// has several query_only connections; in WAL mode they read in parallel with
// each other and with the writer, each statement seeing the last committed
// state.
//
// Every connection runs with journal_mode=WAL, foreign_keys=ON,
// synchronous=NORMAL (durable across application crashes; a power loss may
// drop the last committed transactions, never corrupt the file) and a busy
// timeout.
//
// # Schema
//
// The schema is an ordered list of migrations (see migrations in schema.go);
// PRAGMA user_version records how many have been applied. Open applies the
// missing ones in one IMMEDIATE transaction, so two processes opening a new
// file at once migrate it once. A file whose version is newer than the
// program is refused rather than misread. To change the schema, append a
// migration; never edit one that has shipped.
//
//	articles     one row per article. seq INTEGER PRIMARY KEY is the rowid:
//	             ingest order and the full-text rowid. id and content_hash
//	             are UNIQUE. Metadata are plain columns; date_candidates and
//	             diagnostics are JSON arrays (NULL when empty); raw and text
//	             are the two texts; tokens is a compact BLOB (tokens.go) with
//	             token_count beside it for Stats.
//	paragraphs   (article_id, idx) → text span, raw span, kind.
//	sentences    (article_id, idx) → span, paragraph, first_token, end_token.
//	articles_fts FTS5 index over articles.title and articles.text.
//
// paragraphs and sentences are WITHOUT ROWID tables clustered on
// (article_id, idx), so an article's rows sit together and come back in
// order from one index range. Tokens are far more numerous (hundreds per
// article) and are only ever read whole, so a row per token would cost
// more in keys and per-row overhead than in data; they are a BLOB instead.
//
// articles_fts is an external-content FTS5 table (content='articles'): it
// stores only the inverted index and reads title and text back from
// articles, so texts are not stored twice, while snippet() and bm25() work
// as on an ordinary FTS5 table (a contentless table could not produce
// snippets). Triggers on articles keep the index in step on insert, update
// and delete. The tokenizer is "porter unicode61 remove_diacritics 2":
// case- and accent-insensitive English stemming, so "protesters" finds
// "protester".
package sqlite
