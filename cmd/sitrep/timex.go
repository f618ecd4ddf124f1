package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/sitrep/sitrep/internal/timex"
)

func init() {
	evalTasks["timex"] = runEvalTimex
}

// runEvalTimex scores time-expression recognition and normalisation on
// TimeML files (TempEval-3 layout). The last stdout line is a JSON object
// with the figures.
func runEvalTimex(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval timex", "--data DIR", stderr)
	data := fs.String("data", "../shared/data/tempeval3/TBAQ-cleaned", "directory of TimeML .tml files (searched recursively)")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	s, err := timex.EvaluateTimeML(*data, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "timex: %d files, %d gold, %d found; detection P %.4f R %.4f F1 %.4f; value P %.4f R %.4f F1 %.4f\n",
		s.Files, s.Gold, s.System, s.DetectP, s.DetectR, s.DetectF1, s.ValueP, s.ValueR, s.ValueF1)
	b, err := json.Marshal(struct {
		Files    int     `json:"files"`
		DetectF1 float64 `json:"detect_f1"`
		ValueF1  float64 `json:"value_f1"`
		DetectP  float64 `json:"detect_precision"`
		DetectR  float64 `json:"detect_recall"`
		ValueP   float64 `json:"value_precision"`
		ValueR   float64 `json:"value_recall"`
	}{s.Files, timexRound4(s.DetectF1), timexRound4(s.ValueF1), timexRound4(s.DetectP), timexRound4(s.DetectR), timexRound4(s.ValueP), timexRound4(s.ValueR)})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\n", b)
	return nil
}

// timexRound4 rounds to four decimals for the JSON line.
func timexRound4(x float64) float64 { return float64(int64(x*10000+0.5)) / 10000 }
