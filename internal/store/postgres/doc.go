// Package postgres is sitrep's server store: a store.Store in a PostgreSQL
// schema, reached through pgx/v5 and its connection pool. It is the store
// of the scale-out path, where several `sitrep worker` processes on any
// number of machines write to one database; the embedded SQLite store
// (package store/sqlite) stays the default for one process.
//
// # Schemas and migrations
//
// A Store lives in one PostgreSQL schema (WithSchema; "sitrep" by
// default), so that several stores, and every test, can share a database.
// Every pooled connection runs with search_path set to that schema only.
// The schema is an ordered list of migrations (migrations in schema.go);
// the table schema_migrations records the versions applied. Open creates
// the schema if needed and applies the missing migrations in one
// transaction under a transaction-level advisory lock keyed by the schema
// name, so workers that start at once migrate it exactly once and the
// later ones find nothing to do. A schema whose version is newer than the
// program is refused rather than misread. To change the schema, append a
// migration; never edit one that has shipped.
//
//	articles         one row per article. seq (from the sequence
//	                 articles_seq) is ingest order; id and content_hash
//	                 are UNIQUE. Metadata are plain columns;
//	                 date_candidates and diagnostics are JSONB arrays (NULL
//	                 when empty); raw and text the two texts; paragraphs,
//	                 sentences and tokens compact BYTEA encodings (codec.go),
//	                 with a count column beside each for Stats; search is a
//	                 generated tsvector (title weighted A, text D) under a
//	                 GIN index.
//	timexes          (article_id, idx) → time expression.
//	mentions         (article_id, idx) → actor mention, indexed by actor and
//	                 by person for cross-document candidate retrieval.
//	quotes           (article_id, idx) → quote and speaker, indexed by
//	                 speaker.
//	events           (article_id, idx) → coded event with its participants,
//	                 indexed by dyad and date.
//	stories          storylines and event clusters (seq: order first
//	                 stored), with story_articles (story_id, idx) → article.
//	duplicate_links  article → the original it copies.
//	merged_events    one real-world event with its reports (JSONB), indexed
//	                 by story and by dyad.
//	story_index      one row: the story stage's index state (BYTEA).
//
// Paragraphs, sentences and tokens are only ever read whole with their
// article, so a row each would cost more in keys and per-row overhead than
// in data; annotations get their own tables because cross-document stages
// query them by actor, person, speaker, dyad and date.
//
// # Concurrent writers
//
// PutArticles inserts with ON CONFLICT DO NOTHING, so writers in any
// number of processes may store the same articles at once and each article
// is created exactly once; an article skipped although no stored article
// has its content hash was skipped for its ID alone, and fails the batch. Two transactions inserting the
// same keys in opposite orders would deadlock on the unique indexes; every
// batch therefore inserts its articles in content-hash order (a global lock
// order), while their seq values, drawn from the sequence before the
// inserts, keep the batch's input order. Ingest order across concurrent
// writers is the order in which they drew sequence values, not commit
// order.
//
// # Text search
//
// Search runs plainto_tsquery('english', ...) over the search column:
// every word is required, words are stemmed, English stop words are
// ignored (a query of stop words only finds nothing) and no operator is
// interpreted. ts_rank scores hits with a title word worth four text words,
// as the SQLite store's BM25 weights do, and ts_headline cuts a plain-text
// snippet of at most 16 words. Only the first 256 KiB of a text are
// indexed: PostgreSQL caps a tsvector at 1 MB.
package postgres
