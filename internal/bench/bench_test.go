package bench

import (
	"context"
	"fmt"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/pipeline"
)

func TestRunCountsAndFigures(t *testing.T) {
	var docs []model.Document
	for i := range 6 {
		docs = append(docs, model.Document{Path: fmt.Sprintf("d%d.txt", i), Format: "txt", Container: "txt",
			Raw: fmt.Sprintf("Envoys met for round %d of talks on the border dispute, officials said on Monday. They will meet again in %d days.", i, i+3)})
	}
	calls := 0
	stage := pipeline.Stage{Name: "count", Run: func(a *model.Article) []model.Diagnostic { calls++; return nil }}
	res, err := Run(context.Background(), docs, Options{Workers: 2, Stages: []pipeline.Stage{stage}, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 6 || res.Sentences != 12 || res.Single.Stored != 6 || res.Parallel.Stored != 6 || res.Parallel.Workers != 2 {
		t.Errorf("result %+v", res)
	}
	// once timed alone, twice more in the two end-to-end runs
	if calls != 18 {
		t.Errorf("stage ran %d times, want 18", calls)
	}
	m := res.Figures()
	for _, k := range []string{"end_to_end_sentences_per_sec", "articles_per_sec", "peak_rss_mb", "extract_tokens_per_sec", "segment_sentences_per_sec", "count_articles_per_sec", "count_allocs_per_article", "count_cpu_sec", "end_to_end_cpu_sec_1_worker"} {
		if v, ok := m[k].(float64); !ok || v < 0 {
			t.Errorf("figure %s = %v", k, m[k])
		}
	}
	if m["end_to_end_sentences_per_sec"].(float64) <= 0 || res.PeakRSS <= 0 {
		t.Errorf("no throughput or RSS measured: %v", m)
	}
}

func TestStream(t *testing.T) {
	base := []model.Document{
		{Path: "a.txt", Format: "txt", Container: "txt", Raw: "Envoys meet on the border\n\nEnvoys from the two states met on Monday for talks on the disputed border, officials said.\n\nThey agreed to meet again in 14 days.\n\nObservers from 3 countries attended."},
	}
	stage := pipeline.Stage{Name: "noop", Run: func(a *model.Article) []model.Diagnostic { return nil }}
	res, err := Stream(context.Background(), base, 25, Options{Workers: 2, Stages: []pipeline.Stage{stage}, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if res.Documents != 25 || res.Run.Stored < 20 || res.PeakRSS <= 0 {
		t.Errorf("stream result %+v", res)
	}
	if m := res.Figures(); m["articles_per_sec"].(float64) <= 0 {
		t.Errorf("figures %v", m)
	}
}
