package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/sitrep/sitrep/internal/export"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export", "[--db FILE] [--format jsonl|gdelt|plover|csv] [--out FILE]", stderr)
	db := fs.String("db", defaultDB, "SQLite store file")
	pg, schema := readStoreFlags(fs)
	format := fs.String("format", "jsonl", "output format: jsonl (sitrep records), gdelt (GDELT 2.0 event table, tab-separated), plover (PLOVER/POLECAT-style JSON lines), csv (events)")
	out := fs.String("out", "", "output file (default: standard output)")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	var write func(context.Context, store.Store, io.Writer) error
	switch *format {
	case "jsonl":
		write = export.WriteJSONL
	case "gdelt", "plover", "csv":
		ai, err := export.DefaultActorInfo()
		if err != nil {
			return err
		}
		fn := map[string]func(context.Context, store.Store, io.Writer, export.ActorInfo) error{
			"gdelt": export.WriteGDELT, "plover": export.WritePLOVER, "csv": export.WriteCSV}[*format]
		write = func(ctx context.Context, st store.Store, w io.Writer) error { return fn(ctx, st, w, ai) }
	default:
		return fmt.Errorf("%w: unknown format %q (want jsonl, gdelt, plover or csv)", errUsage, *format)
	}
	st, err := openReadStore(ctx, *db, *pg, *schema)
	if err != nil {
		return err
	}
	defer st.Close()
	if *out == "" {
		return write(ctx, st, stdout)
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := write(ctx, st, f); err != nil {
		return err
	}
	return f.Close()
}

// openExisting opens a store that must already exist: reading commands
// never create an empty database by mistake.
func openExisting(path string) (*sqlite.Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no store at %s (run 'sitrep ingest' first, or pass --db): %w", path, err)
	}
	return sqlite.Open(path)
}
