package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/sitrep/sitrep/internal/evaluate"
	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/model"
)

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: eval needs a task: boilerplate", errUsage)
	}
	switch args[0] {
	case "boilerplate":
		return evalBoilerplate(args[1:], stdout, stderr)
	}
	return fmt.Errorf("%w: unknown eval task %q (want boilerplate)", errUsage, args[0])
}

// evalBoilerplate scores main-text extraction on a Zyte-layout dataset
// through the same extract stage ingest uses. The last stdout line is a
// JSON object with the figures.
func evalBoilerplate(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval boilerplate", "--data DIR", stderr)
	data := fs.String("data", "../shared/data/boilerplate/zyte", "dataset directory (ground-truth.json and html/*.html.gz)")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	res, err := evaluate.Boilerplate(*data, func(html, url string) (string, error) {
		a, rej := extract.Extract(model.Document{Path: url, Format: "html", Container: "html", Raw: html, Meta: model.Meta{URL: url}})
		if rej != nil {
			return "", nil // no text: scored as an empty prediction
		}
		return a.Text, nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "boilerplate: %d pages, precision %.4f, recall %.4f, F1 %.4f\n", res.Pages, res.Precision, res.Recall, res.F1)
	b, err := json.Marshal(res)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\n", b)
	return nil
}
