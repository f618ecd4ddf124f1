// Package export writes what a store holds in exchange formats. The JSONL
// stream is sitrep's contract with other tools: one JSON object a line, each
// with a "type" field. Record types are added by later stages; fields are
// added, never renamed.
package export
