package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/sitrep/sitrep/internal/actors"
	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/progress"
	"github.com/sitrep/sitrep/internal/segment"
	"github.com/sitrep/sitrep/internal/store/sqlite"
	"github.com/sitrep/sitrep/internal/syntax"
)

// defaultDB is the store file used when --db is not given.
const defaultDB = "sitrep.db"

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("ingest", "PATH... [--manifest FILE] [--db FILE]", stderr)
	db := fs.String("db", defaultDB, "SQLite store file")
	manifest := fs.String("manifest", "", "manifest sidecar (JSONL: file, outlet, title, published, dateline, ...); default: manifest.jsonl in an ingested directory")
	workers := fs.Int("workers", 0, "documents processed in parallel (0: one per CPU)")
	batch := fs.Int("batch", 64, "articles per store transaction")
	maxMB := fs.Int("max-mb", int(ingest.DefaultMaxBytes>>20), "largest input accepted, in MiB")
	quiet := fs.Bool("quiet", false, "print only the summary")
	actorFiles, agentFiles := dictFlags(fs)
	budget := fs.Duration("budget", pipeline.DefaultBudget, "processing time allowed per article; stages left when it is used up are skipped with a diagnostic (negative: no limit)")
	maxParse := fs.Int("max-parse-tokens", syntax.DefaultMaxTokens, "most tokens parsed as one tree; longer sentences are parsed in chunks, with a diagnostic")
	maxSentence := fs.Int("max-sentence-bytes", segment.DefaultMaxSentenceBytes, "longest sentence; longer runs are cut into several")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: no input paths", errUsage)
	}
	dict, err := loadDict(*actorFiles, *agentFiles)
	if err != nil {
		return err
	}
	var stages []pipeline.Stage // nil: the default stages
	if dict != nil || *maxParse != syntax.DefaultMaxTokens {
		cfg := pipeline.StageConfig{MaxParseTokens: *maxParse}
		if dict != nil {
			cfg.ActorDicts = []*actors.Dict{dict}
		}
		if stages, err = pipeline.NewStages(cfg); err != nil {
			return err
		}
	}
	plan, err := ingest.NewPlan(paths, ingest.Options{Manifest: *manifest, MaxBytes: int64(*maxMB) << 20})
	if err != nil {
		return err
	}
	for _, d := range plan.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", d.String())
	}
	st, err := sqlite.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	opts := pipeline.Options{Workers: *workers, BatchSize: *batch, Stages: stages, Budget: *budget,
		Segment: segment.Options{MaxSentenceBytes: *maxSentence}}
	var rep *progress.Reporter
	if !*quiet {
		rep = progress.New(os.Stderr, 5*time.Second)
		opts.Progress = rep
	}
	sum, err := pipeline.Ingest(ctx, plan, st, opts)
	if rep != nil {
		rep.Finish()
	}
	if err != nil {
		return err
	}
	if *quiet {
		for _, d := range sum.Rejections {
			fmt.Fprintf(stderr, "rejected: %s\n", d.String())
		}
	}
	fmt.Fprintf(stdout, "%s: %s\n", *db, sum.String())
	return st.Close()
}
