package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/sitrep/sitrep/internal/quotes"
)

func init() {
	evalTasks["quotes"] = func(_ context.Context, args []string, stdout, stderr io.Writer) error {
		return evalQuotes(args, stdout, stderr)
	}
}

// evalQuotes scores quote extraction on a PolNeAR-layout split (text/ and
// brat attributions/). The last stdout line is a JSON object with the
// figures.
func evalQuotes(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval quotes", "--data DIR", stderr)
	data := fs.String("data", "../shared/data/polnear/dev", "PolNeAR split directory (text/ and attributions/)")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	res, err := quotes.EvalPolNeAR(*data)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "quotes: %d articles, %d gold attributions (%d direct), %d predicted; direct P %.4f R %.4f F1 %.4f; all P %.4f R %.4f F1 %.4f; source accuracy %.4f (%d of %d)\n",
		res.Articles, res.GoldAttributions, res.GoldDirect, res.Predicted,
		res.DirectPrecision, res.DirectRecall, res.DirectF1,
		res.AllPrecision, res.AllRecall, res.AllF1, res.SourceAccuracy, res.SourceCorrect, res.Found)
	b, err := json.Marshal(struct {
		DirectF1       float64 `json:"direct_f1"`
		AllF1          float64 `json:"all_f1"`
		SourceAccuracy float64 `json:"source_accuracy"`
		quotes.PolNeARResult
	}{res.DirectF1, res.AllF1, res.SourceAccuracy, res})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\n", b)
	return nil
}
