package main

import (
	"os"
	"runtime/debug"
)

// streamMemoryLimit is the Go heap's soft limit for the commands that
// stream articles (ingest, worker, bench, demo, stories), unless GOMEMLIMIT
// says otherwise. Their live memory is the shared models and the story
// index, a few hundred MB at 100,000 articles; without a limit the
// collector lets the heap grow to twice the live size before it runs, so
// the process's peak would be set by garbage, not by what it keeps.
const streamMemoryLimit = 640 << 20

// streaming lists the commands streamMemoryLimit applies to. Training and
// evaluation are left alone: a model being trained may need more.
var streaming = map[string]bool{"ingest": true, "worker": true, "bench": true, "demo": true, "stories": true}

// limitMemory sets the soft memory limit for cmd when it streams articles
// and the environment sets none.
func limitMemory(cmd string) {
	if streaming[cmd] && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(streamMemoryLimit)
	}
}
