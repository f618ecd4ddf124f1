// Package ingest finds and reads input files: plain text, HTML (also
// gzipped) and JSONL records, with an optional manifest sidecar of outside
// metadata. It turns every input into either a model.Document for the
// pipeline or a rejection diagnostic that names the file (and line), so that
// one bad file never stops a batch.
//
// Reading is sequential and deterministic: files are visited in sorted
// order, JSONL records in line order. Decoding is strict about what it
// hands on (valid UTF-8 only, bounded size) and says what it repaired.
package ingest
