package bench

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/segment"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// Options configures a benchmark run.
type Options struct {
	// Workers is the worker count of the parallel end-to-end run; 0 means
	// one per CPU. A one-worker run is always made too.
	Workers int
	// Stages are the annotation stages; nil means pipeline.DefaultStages.
	Stages []pipeline.Stage
	// TempDir holds the end-to-end runs' input files and stores; "" means
	// a new directory under os.TempDir, removed afterwards.
	TempDir string
}

// StageFigures is one stage's cost over the corpus on one goroutine.
type StageFigures struct {
	Name string
	// Articles, Sentences and Tokens count what the stage ran on.
	Articles, Sentences, Tokens int
	Elapsed                     time.Duration
	// CPU is the CPU time of the stage's thread (0 where the system does
	// not report it): unlike Elapsed, it does not grow when other
	// processes share the processors.
	CPU time.Duration
	// Allocs and AllocBytes are heap allocations made during the stage.
	Allocs, AllocBytes uint64
}

// Per returns n per second of the stage's time.
func (s StageFigures) Per(n int) float64 { return perSec(n, s.Elapsed) }

// RunFigures is one end-to-end ingest.
type RunFigures struct {
	Workers int
	Elapsed time.Duration
	// CPU is the CPU time of the whole process during the run, every
	// goroutine included (readers, workers, the store writer, the garbage
	// collector); 0 where the system does not report it.
	CPU time.Duration
	// Stored, Sentences and Tokens count what was stored.
	Stored, Sentences, Tokens int
}

// Result is a benchmark's figures.
type Result struct {
	// Documents counts inputs; Articles those that extraction accepted.
	Documents, Articles, Sentences, Tokens int
	Stages                                 []StageFigures
	// Single is the one-worker end-to-end run, Parallel the run with
	// Options.Workers (equal to Single's figures when that is 1).
	Single, Parallel RunFigures
	// PeakRSS is the process's peak resident set size in bytes (0 where
	// the system does not report it).
	PeakRSS int64
}

// withDefaults fills in one worker per CPU and the default stages.
func (opts Options) withDefaults() (Options, error) {
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Stages == nil {
		st, err := pipeline.DefaultStages()
		if err != nil {
			return opts, err
		}
		opts.Stages = st
	}
	return opts, nil
}

// Run measures docs. Documents are not changed.
func Run(ctx context.Context, docs []model.Document, opts Options) (*Result, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	res := &Result{Documents: len(docs)}

	// Per stage, one goroutine, the whole corpus at a time.
	arts := make([]*model.Article, 0, len(docs))
	f := measure("extract", func(f *StageFigures) {
		for _, d := range docs {
			a, rej := extract.Extract(d)
			if rej == nil {
				arts = append(arts, a)
			}
		}
		f.Articles = len(arts)
	})
	res.Stages = append(res.Stages, f)
	f = measure("segment", func(f *StageFigures) {
		for _, a := range arts {
			segment.Segment(a, segment.Options{})
		}
	})
	for _, a := range arts {
		res.Sentences += len(a.Sentences)
		res.Tokens += len(a.Tokens)
	}
	res.Articles = len(arts)
	res.Stages[0].Sentences, res.Stages[0].Tokens = res.Sentences, res.Tokens
	f.Articles, f.Sentences, f.Tokens = res.Articles, res.Sentences, res.Tokens
	res.Stages = append(res.Stages, f)
	for _, st := range opts.Stages {
		f := measure(st.Name, func(f *StageFigures) {
			for _, a := range arts {
				if st.EnglishOnly && a.Language != "" && a.Language != "en" {
					continue
				}
				st.Run(a)
				f.Articles++
				f.Sentences += len(a.Sentences)
				f.Tokens += len(a.Tokens)
			}
		})
		res.Stages = append(res.Stages, f)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	arts = nil

	// End to end through the real ingest path.
	dir := opts.TempDir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "sitrep-bench-"); err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
	}
	in := filepath.Join(dir, "in")
	if err := writeInputs(in, docs); err != nil {
		return nil, err
	}
	if res.Single, err = endToEnd(ctx, in, filepath.Join(dir, "one.db"), 1, opts.Stages); err != nil {
		return nil, err
	}
	res.Parallel = res.Single
	if opts.Workers > 1 {
		if res.Parallel, err = endToEnd(ctx, in, filepath.Join(dir, "many.db"), opts.Workers, opts.Stages); err != nil {
			return nil, err
		}
	}
	res.PeakRSS = PeakRSS()
	return res, nil
}

// measure runs fn once and records its time and allocations.
func measure(name string, fn func(f *StageFigures)) StageFigures {
	f := StageFigures{Name: name}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start, cpu := time.Now(), threadCPU()
	fn(&f)
	f.Elapsed, f.CPU = time.Since(start), threadCPU()-cpu
	runtime.ReadMemStats(&after)
	f.Allocs = after.Mallocs - before.Mallocs
	f.AllocBytes = after.TotalAlloc - before.TotalAlloc
	return f
}

// writeInputs writes each document as a text file, 500 to a folder.
func writeInputs(dir string, docs []model.Document) error {
	for i, d := range docs {
		sub := filepath.Join(dir, fmt.Sprintf("%04d", i/500))
		if i%500 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return err
			}
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("doc%06d.txt", i)), []byte(d.Raw), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// endToEnd ingests the files under in into a new store at db.
func endToEnd(ctx context.Context, in, db string, workers int, stages []pipeline.Stage) (RunFigures, error) {
	st, err := sqlite.Open(db)
	if err != nil {
		return RunFigures{}, err
	}
	defer st.Close()
	plan, err := ingest.NewPlan([]string{in}, ingest.Options{})
	if err != nil {
		return RunFigures{}, err
	}
	start, cpu := time.Now(), processCPU()
	sum, err := pipeline.Ingest(ctx, plan, st, pipeline.Options{Workers: workers, Stages: stages})
	if err != nil {
		return RunFigures{}, err
	}
	return RunFigures{Workers: workers, Elapsed: time.Since(start), CPU: processCPU() - cpu, Stored: sum.Stored, Sentences: sum.Sentences, Tokens: sum.Tokens}, nil
}

// PeakRSS returns the process's peak resident set size in bytes, read from
// /proc/self/status (VmHWM); 0 where that is not available.
func PeakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}

func perSec(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// Figures flattens r into the keys 'sitrep bench' prints as its last line:
// end-to-end rates and CPU seconds, peak RSS, and per stage
// <stage>_tokens_per_sec, <stage>_sentences_per_sec,
// <stage>_articles_per_sec, <stage>_cpu_sec and <stage>_allocs_per_article.
func (r *Result) Figures() map[string]any {
	m := map[string]any{
		"documents": r.Documents, "articles": r.Articles, "sentences": r.Sentences, "tokens": r.Tokens,
		"workers":                               r.Parallel.Workers,
		"end_to_end_sentences_per_sec":          round(perSec(r.Parallel.Sentences, r.Parallel.Elapsed)),
		"end_to_end_sentences_per_sec_1_worker": round(perSec(r.Single.Sentences, r.Single.Elapsed)),
		"articles_per_sec":                      round(perSec(r.Parallel.Stored, r.Parallel.Elapsed)),
		"articles_per_sec_1_worker":             round(perSec(r.Single.Stored, r.Single.Elapsed)),
		"end_to_end_speedup":                    round(speedup(r.Single, r.Parallel)),
		"end_to_end_cpu_sec_1_worker":           round(r.Single.CPU.Seconds()),
		"peak_rss_mb":                           round(float64(r.PeakRSS) / (1 << 20)),
	}
	for _, s := range r.Stages {
		m[s.Name+"_tokens_per_sec"] = round(s.Per(s.Tokens))
		m[s.Name+"_sentences_per_sec"] = round(s.Per(s.Sentences))
		m[s.Name+"_articles_per_sec"] = round(s.Per(s.Articles))
		m[s.Name+"_cpu_sec"] = round(s.CPU.Seconds())
		if s.Articles > 0 {
			m[s.Name+"_allocs_per_article"] = round(float64(s.Allocs) / float64(s.Articles))
		}
	}
	return m
}

func speedup(one, many RunFigures) float64 {
	a, b := perSec(one.Sentences, one.Elapsed), perSec(many.Sentences, many.Elapsed)
	if a == 0 {
		return 0
	}
	return b / a
}

func round(f float64) float64 {
	if f >= 100 {
		return float64(int64(f + 0.5))
	}
	return float64(int64(f*100+0.5)) / 100
}
