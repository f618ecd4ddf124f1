package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/evaluate"
	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/model"
)

// evalTasks maps each "sitrep eval TASK" to its runner. Files that add a
// task register it in an init function.
var evalTasks = map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer) error{
	"boilerplate": func(_ context.Context, args []string, stdout, stderr io.Writer) error {
		return evalBoilerplate(args, stdout, stderr)
	},
}

// trainTasks maps each "sitrep train TASK" to its runner, registered like
// evalTasks.
var trainTasks = map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer) error{}

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return runTask(ctx, "eval", evalTasks, args, stdout, stderr)
}

// runTrain runs a training task. Training runs for minutes without
// looking at ctx, so it runs aside and an interrupt (Ctrl-C, SIGTERM)
// returns at once; tasks write their output with writeFileAtomic, so the
// previous model file stays whole.
func runTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	done := make(chan error, 1)
	go func() { done <- runTask(ctx, "train", trainTasks, args, stdout, stderr) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("train: interrupted (%w); model files are only ever replaced whole", context.Cause(ctx))
	}
}

// runTask dispatches "sitrep CMD TASK ARGS" through tasks.
func runTask(ctx context.Context, cmd string, tasks map[string]func(context.Context, []string, io.Writer, io.Writer) error, args []string, stdout, stderr io.Writer) error {
	names := make([]string, 0, len(tasks))
	for n := range tasks {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(args) == 0 {
		return fmt.Errorf("%w: %s needs a task: %s", errUsage, cmd, strings.Join(names, ", "))
	}
	run, ok := tasks[args[0]]
	if !ok {
		return fmt.Errorf("%w: unknown %s task %q (want %s)", errUsage, cmd, args[0], strings.Join(names, ", "))
	}
	return run(ctx, args[1:], stdout, stderr)
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
