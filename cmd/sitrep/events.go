package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/sitrep/sitrep/internal/events"
	"github.com/sitrep/sitrep/internal/syntax"
)

func init() {
	evalTasks["plover"] = func(_ context.Context, args []string, stdout, stderr io.Writer) error {
		return evalPLOVER(args, stdout, stderr)
	}
	evalTasks["petrarch"] = func(_ context.Context, args []string, stdout, stderr io.Writer) error {
		return evalPetrarch(args, stdout, stderr)
	}
	trainTasks["codes"] = func(_ context.Context, args []string, stdout, stderr io.Writer) error {
		return trainCodes(args, stdout, stderr)
	}
}

// evalPLOVER scores event coding on PLOVER gold records. The last stdout
// line is a JSON object with the figures.
func evalPLOVER(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval plover", "--data FILE.json [--verbs FILE]", stderr)
	data := fs.String("data", "../shared/data/plover/PLOVER_GSR_dev.json", "PLOVER gold records (JSON list)")
	verbs := fs.String("verbs", "", "PETRARCH verb dictionary (CAMEO.2.0.txt format) to use after the project's")
	verbose := fs.Bool("verbose", false, "print every record with at least one miss")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	p, err := events.DefaultPipeline()
	if err != nil {
		return err
	}
	if *verbs != "" {
		c, err := coderWithVerbs(*verbs)
		if err != nil {
			return err
		}
		p.Coder = c
	}
	res, err := events.EvalPLOVER(*data, p)
	if err != nil {
		return err
	}
	if *verbose {
		for _, o := range res.Outcomes {
			if o.EventOK && o.SourceOK && o.TargetOK {
				continue
			}
			mark := func(ok bool) string {
				if ok {
					return "ok"
				}
				return "MISS"
			}
			fmt.Fprintf(stdout, "%s\t%s\n\tevent %s want %s got %s | source %s want %v got %s | target %s want %v got %s\n",
				o.ID, o.Text, mark(o.EventOK), o.WantEvent, o.GotEvent, mark(o.SourceOK), o.WantSource, o.GotSource, mark(o.TargetOK), o.WantTarget, o.GotTarget)
		}
	}
	fmt.Fprintf(stdout, "plover: %d records (%d with an event), event type accuracy %.4f, source %.4f, target %.4f\n",
		res.Records, res.Predicted, res.EventAccuracy, res.SourceAccuracy, res.TargetAccuracy)
	b, err := json.Marshal(res)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\n", b)
	return nil
}

// coderWithVerbs returns a coder over the project's dictionary followed
// by a PETRARCH verb dictionary.
func coderWithVerbs(path string) (*events.Coder, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	pv, err := events.LoadPetrarchVerbs(f, filepath.Base(path))
	if err != nil {
		return nil, err
	}
	own, err := events.ProjectDictionary()
	if err != nil {
		return nil, err
	}
	return events.New(events.Options{}, own, pv)
}

// evalPetrarch runs PETRARCH2's unit-test records. The last stdout line is
// a JSON object with the figures.
func evalPetrarch(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval petrarch", "--records FILE.xml --dicts DIR", stderr)
	records := fs.String("records", "../shared/data/petrarch/PETR.UnitTest.records.xml", "PETRARCH unit-test records (XML)")
	dicts := fs.String("dicts", "../shared/data/petrarch", "directory holding the dictionaries the records name")
	verbose := fs.Bool("verbose", false, "print every failed record and the per-category figures")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	sm, err := syntax.Default()
	if err != nil {
		return err
	}
	res, err := events.EvalPetrarch(*records, *dicts, sm)
	if err != nil {
		return err
	}
	if *verbose {
		for _, o := range res.Outcomes {
			if !o.OK {
				fmt.Fprintf(stdout, "%s\t%s\t%s\n\twant %v got %v\n", o.ID, o.Category, o.Text, o.Want, o.Got)
			}
		}
		cats := make([]string, 0, len(res.Categories))
		for c := range res.Categories {
			cats = append(cats, c)
		}
		sort.Strings(cats)
		for _, c := range cats {
			n := res.Categories[c]
			fmt.Fprintf(stdout, "category %-12s %3d/%3d\n", c, n[1], n[0])
		}
	}
	fmt.Fprintf(stdout, "petrarch: %d records, %d correct, pass rate %.4f\n", res.Records, res.Correct, res.PassRate)
	b, err := json.Marshal(struct {
		Records  int     `json:"records"`
		Correct  int     `json:"correct"`
		PassRate float64 `json:"pass_rate"`
	}{res.Records, res.Correct, res.PassRate})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\n", b)
	return nil
}

// trainCodes regenerates internal/events/data/codes.tsv from the shared
// CAMEO and PLOVER tables.
func trainCodes(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("train codes", "--shared DIR [--out FILE]", stderr)
	shared := fs.String("shared", "../shared", "shared data directory (holding data/cameo and data/plover)")
	out := fs.String("out", "internal/events/data/codes.tsv", "output file")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	b, err := events.GenerateCodes(filepath.Join(*shared, "data"))
	if err != nil {
		return err
	}
	if err := writeFileAtomic(*out, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "codes: wrote %s (%d bytes)\n", *out, len(b))
	return nil
}
