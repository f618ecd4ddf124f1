// Package store defines the storage contract every sitrep backend meets:
// the embedded SQLite store (package store/sqlite) and, at scale, a server
// database. Backends are checked by the shared conformance suite in
// store/storetest.
package store
