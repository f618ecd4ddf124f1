package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/sitrep/sitrep/internal/export"
	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export", "[--db FILE] --format jsonl [--out FILE]", stderr)
	db := fs.String("db", defaultDB, "SQLite store file")
	format := fs.String("format", "jsonl", "output format: jsonl")
	out := fs.String("out", "", "output file (default: standard output)")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	if *format != "jsonl" {
		return fmt.Errorf("%w: unknown format %q (want jsonl)", errUsage, *format)
	}
	st, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
		if err := export.WriteJSONL(ctx, st, w); err != nil {
			return err
		}
		return f.Close()
	}
	return export.WriteJSONL(ctx, st, w)
}

func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("report", "[--db FILE]", stderr)
	db := fs.String("db", defaultDB, "SQLite store file")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	st, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	return report.Write(ctx, st, stdout, nil)
}

// openExisting opens a store that must already exist: reading commands
// never create an empty database by mistake.
func openExisting(path string) (*sqlite.Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no store at %s (run 'sitrep ingest' first, or pass --db): %w", path, err)
	}
	return sqlite.Open(path)
}
