// Package storetest is the conformance suite for store.Store backends. A
// backend's tests call Run with a function that prepares fresh storage; Run
// checks the whole contract of store.Store against it: round trips of every
// article field, idempotence by content hash, batch atomicity, ingest order,
// full-text search (including hostile queries), statistics, concurrent
// writers, and persistence across Close and reopen.
//
// NewArticle builds small, fully segmented articles for tests and
// benchmarks of any backend.
package storetest
