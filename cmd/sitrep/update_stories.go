package main

import (
	"context"
	"fmt"
	"io"

	"github.com/sitrep/sitrep/internal/pipeline"
)

func init() {
	commands["stories"] = command{"place stored articles the story index lacks and store stories and merged events (after 'sitrep worker')", runStories}
}

// runStories is the single writer of the cross-article results for stores
// filled by workers: it places every stored article the story index lacks,
// in ingest order, merges the events of the event clusters that changed,
// and stores the result in one transaction. Run one at a time per store.
func runStories(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("stories", "[--db FILE | --postgres DSN [--schema NAME]]", stderr)
	db := fs.String("db", defaultDB, "SQLite store file")
	pg, schema := readStoreFlags(fs)
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	st, err := openReadStore(ctx, *db, *pg, *schema)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := pipeline.UpdateStories(ctx, st)
	if err != nil {
		return err
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "stories: placed %d articles; the store holds %d articles, %d stories, %d merged events\n", n, stats.Articles, stats.Stories, stats.Merged)
	return nil
}
