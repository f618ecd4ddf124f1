package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sitrep/sitrep/internal/corpus"
	"github.com/sitrep/sitrep/internal/model"
)

// StreamResult is a streaming run's figures.
type StreamResult struct {
	// Documents counts the inputs written and ingested.
	Documents int
	Run       RunFigures
	// PeakRSS is the process's peak resident set size in bytes over the
	// whole run (generation and ingest).
	PeakRSS int64
}

// Figures flattens r into the keys 'sitrep bench --replicate' prints.
func (r *StreamResult) Figures() map[string]any {
	return map[string]any{
		"documents": r.Documents, "articles": r.Run.Stored, "sentences": r.Run.Sentences, "tokens": r.Run.Tokens,
		"workers":                      r.Run.Workers,
		"end_to_end_sentences_per_sec": round(perSec(r.Run.Sentences, r.Run.Elapsed)),
		"articles_per_sec":             round(perSec(r.Run.Stored, r.Run.Elapsed)),
		"elapsed_sec":                  round(r.Run.Elapsed.Seconds()),
		"peak_rss_mb":                  round(float64(r.PeakRSS) / (1 << 20)),
	}
}

// Stream writes n documents replicated from base (corpus.Replicate) to
// files, one at a time, and ingests them all in one run into a new SQLite
// store with the whole pipeline, as 'sitrep ingest' would. It shows that
// memory stays bounded however many articles pass through: nothing but the
// base corpus is held while the files are written, and ingest streams them.
func Stream(ctx context.Context, base []model.Document, n int, opts Options) (*StreamResult, error) {
	if len(base) == 0 || n <= 0 {
		return nil, fmt.Errorf("bench: nothing to stream")
	}
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	dir := opts.TempDir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "sitrep-stream-"); err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
	}
	in := filepath.Join(dir, "in")
	for i := range n {
		sub := filepath.Join(in, fmt.Sprintf("%05d", i/1000))
		if i%1000 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return nil, err
			}
		}
		d := corpus.Replicate(base, i)
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("doc%07d.txt", i)), []byte(d.Raw), 0o644); err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	run, err := endToEnd(ctx, in, filepath.Join(dir, "stream.db"), opts.Workers, opts.Stages)
	if err != nil {
		return nil, err
	}
	return &StreamResult{Documents: n, Run: run, PeakRSS: PeakRSS()}, nil
}
