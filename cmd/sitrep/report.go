package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/web"
)

// runReport prints the situation report of the whole store (plain text),
// or with a STORY argument writes one story's report as Markdown or a
// self-contained HTML file.
func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("report", "[STORY] [--db FILE] [--format md|html] [--out FILE]", stderr)
	db := fs.String("db", defaultDB, "SQLite store file")
	pg, schema := readStoreFlags(fs)
	format := fs.String("format", "", "with STORY: md (default) or html, a self-contained file")
	out := fs.String("out", "", "output file (default: standard output)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[1])
	}
	if len(rest) == 0 && *format != "" {
		return fmt.Errorf("%w: --format needs a STORY (the store report is plain text)", errUsage)
	}
	if *format == "" {
		*format = "md"
	}
	if *format != "md" && *format != "html" {
		return fmt.Errorf("%w: unknown format %q (want md or html)", errUsage, *format)
	}
	st, err := openReadStore(ctx, *db, *pg, *schema)
	if err != nil {
		return err
	}
	defer st.Close()
	w := stdout
	var f *os.File
	if *out != "" {
		if f, err = os.Create(*out); err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if len(rest) == 0 {
		err = report.Write(ctx, st, w, nil)
	} else if ws, ok := st.(web.Store); ok {
		err = web.WriteStoryReport(ctx, ws, web.DefaultNames(), rest[0], *format, w)
	} else {
		err = fmt.Errorf("story reports need the query side of the store, which only SQLite has for now (export the events instead)")
	}
	if err != nil {
		return err
	}
	if f != nil {
		return f.Close()
	}
	return nil
}
