// Command sitrep reads piles or streams of news articles and rebuilds the
// political system they describe. This package holds only flag parsing and
// subcommand wiring; the work is done by the stage packages under internal/.
//
// Usage:
//
//	sitrep demo                          ingest the built-in examples and print a report
//	sitrep ingest PATH... [--manifest FILE] [--db FILE]
//	sitrep export [--db FILE] --format jsonl
//	sitrep report [--db FILE]
//	sitrep eval boilerplate --data DIR
package main
