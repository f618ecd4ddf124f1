// Package pipeline runs sitrep's stages over inputs: ingest reads files,
// extract cleans each document into an article, segment splits it into
// sentences and tokens, and the store keeps the result.
//
// Documents are processed by a pool of workers sharing read-only models;
// a single coordinator goroutine owns the results, puts them back in input
// order and writes them to the store in batches, one transaction a batch,
// so that a killed process leaves whole batches behind and a rerun stores
// what is missing exactly once.
package pipeline
