// Package seedtest loads the shared test data for the tests of other
// packages: it finds ../shared (or $SITREP_SHARED), skipping the calling
// test when the data is absent, and builds the five seed articles the way
// ingest does (extract with the fixture's manifest, then segment). The
// texts are read at test time and never copied into the repository.
//
// It is imported by tests only. Packages that extract or segment imports
// cannot use it from their internal tests (that would be an import cycle).
package seedtest
