package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"

	"github.com/sitrep/sitrep/internal/bench"
	"github.com/sitrep/sitrep/internal/corpus"
)

func init() {
	commands["bench"] = command{"measure every stage's speed and memory on a real corpus (bench [--data DIR]...)", runBench}
}

// sharedDir returns the shared data directory: $SITREP_SHARED, else
// ../shared beside the working directory.
func sharedDir() string {
	if s := os.Getenv("SITREP_SHARED"); s != "" {
		return s
	}
	return filepath.Join("..", "shared")
}

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("bench", "[--data DIR]... [--workers N] [--limit N] [--replicate N] [--cpuprofile FILE]", stderr)
	var dirs listFlag
	fs.Var(&dirs, "data", "corpus directory of .txt articles or ECB+ .xml (repeatable; default: PolNeAR and ECB+ under ../shared/data)")
	workers := fs.Int("workers", 0, "workers of the parallel end-to-end run (default: one per CPU)")
	limit := fs.Int("limit", 0, "use only the first N documents (0: all)")
	replicate := fs.Int("replicate", 0, "stream N documents replicated from the corpus with perturbations through one ingest, to measure memory at scale (skips the per-stage timing)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to this file (go tool pprof)")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	if len(dirs) == 0 {
		data := filepath.Join(sharedDir(), "data")
		dirs = listFlag{filepath.Join(data, "polnear"), filepath.Join(data, "ecbplus")}
	}
	docs, err := corpus.Load(dirs...)
	if err != nil {
		return err
	}
	if *limit > 0 && len(docs) > *limit {
		docs = docs[:*limit]
	}
	if len(docs) == 0 {
		return fmt.Errorf("no documents under %s", dirs.String())
	}
	fmt.Fprintf(stderr, "bench: %d documents from %s\n", len(docs), dirs.String())
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *replicate > 0 {
		res, err := bench.Stream(ctx, docs, *replicate, bench.Options{Workers: *workers})
		if err != nil {
			return err
		}
		m := res.Figures()
		fmt.Fprintf(stdout, "stream: %d documents, %d articles stored, %d sentences in %.0f s with %d workers: %.0f sentences/s, %.1f articles/s; peak RSS %.0f MB\n",
			res.Documents, res.Run.Stored, res.Run.Sentences, m["elapsed_sec"], res.Run.Workers, m["end_to_end_sentences_per_sec"], m["articles_per_sec"], m["peak_rss_mb"])
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s\n", b)
		return nil
	}
	res, err := bench.Run(ctx, docs, bench.Options{Workers: *workers})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "corpus: %d documents, %d articles, %d sentences, %d tokens\n", res.Documents, res.Articles, res.Sentences, res.Tokens)
	fmt.Fprintf(stdout, "%-10s %12s %12s %10s %12s %10s %10s\n", "stage", "tokens/s", "sentences/s", "articles/s", "allocs/art", "time", "cpu")
	for _, s := range res.Stages {
		allocs := 0.0
		if s.Articles > 0 {
			allocs = float64(s.Allocs) / float64(s.Articles)
		}
		fmt.Fprintf(stdout, "%-10s %12.0f %12.0f %10.1f %12.0f %10s %10s\n", s.Name, s.Per(s.Tokens), s.Per(s.Sentences), s.Per(s.Articles), allocs, s.Elapsed.Round(1e6), s.CPU.Round(1e6))
	}
	m := res.Figures()
	fmt.Fprintf(stdout, "end to end, 1 worker:  %.0f sentences/s, %.1f articles/s (%s, process CPU %s)\n", m["end_to_end_sentences_per_sec_1_worker"], m["articles_per_sec_1_worker"],
		res.Single.Elapsed.Round(1e6), res.Single.CPU.Round(1e6))
	fmt.Fprintf(stdout, "end to end, %d workers: %.0f sentences/s, %.1f articles/s (%.2fx)\n", res.Parallel.Workers, m["end_to_end_sentences_per_sec"], m["articles_per_sec"], m["end_to_end_speedup"])
	fmt.Fprintf(stdout, "peak RSS: %.0f MB\n", m["peak_rss_mb"])
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\n", b)
	return nil
}
