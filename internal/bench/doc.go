// Package bench measures the speed and memory of every pipeline stage on a
// real corpus, and of the whole pipeline end to end, for 'sitrep bench'.
//
// Stages are timed one at a time over the whole corpus on one goroutine,
// so that each figure is that stage's own cost on one core; the end-to-end
// runs then ingest the same documents through pipeline.Ingest into a fresh
// SQLite store with one worker and with several, the way 'sitrep ingest'
// does.
package bench
