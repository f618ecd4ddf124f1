package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/sitrep/sitrep/internal/examples"
	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("demo", "[--keep DIR]", stderr)
	keep := fs.String("keep", "", "write the example files and the store (sitrep.db) into DIR and keep them")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	dir := *keep
	if dir == "" {
		tmp, err := os.MkdirTemp("", "sitrep-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	corpus := filepath.Join(dir, "corpus")
	if err := examples.WriteTo(corpus); err != nil {
		return fmt.Errorf("writing the example corpus: %w", err)
	}
	plan, err := ingest.NewPlan([]string{corpus}, ingest.Options{Manifest: filepath.Join(corpus, examples.ManifestName)})
	if err != nil {
		return err
	}
	st, err := sqlite.Open(filepath.Join(dir, "sitrep.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := pipeline.Ingest(ctx, plan, st, pipeline.Options{})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "sitrep demo: ingested the built-in example corpus (%d files): %s\n\n", len(plan.Files), sum.String())
	if err := report.Write(ctx, st, stdout, sum); err != nil {
		return err
	}
	if *keep != "" {
		fmt.Fprintf(stdout, "\nKept the corpus in %s and the store in %s.\n", corpus, filepath.Join(dir, "sitrep.db"))
	}
	return st.Close()
}
