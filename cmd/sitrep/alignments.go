package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/sitrep/sitrep/internal/alignments"
	"github.com/sitrep/sitrep/internal/store"
)

func init() {
	commands["alignments"] = command{"print blocs, bridging actors and stances toward coalitions, from the stored events", runAlignments}
}

// runAlignments prints the alignment analysis of a store: for the window
// --from..--to, or for each of --windows equal windows with the shifts
// between consecutive ones.
func runAlignments(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("alignments", "[--db FILE | --postgres DSN] [--from DATE --to DATE] [--story ID] [--windows N] [--format text|json]", stderr)
	db := fs.String("db", defaultDB, "SQLite store file")
	pg, schema := readStoreFlags(fs)
	from := fs.String("from", "", "first day of the window, YYYY-MM-DD")
	to := fs.String("to", "", "last day of the window, YYYY-MM-DD")
	story := fs.String("story", "", "only the articles of this story (event cluster or storyline ID)")
	format := fs.String("format", "text", "output format: text or json")
	windows := fs.Int("windows", 1, "split the window into N equal windows and report the shifts between them (needs --from and --to)")
	halfLife := fs.Float64("half-life", 30, "decay half-life of events in days (0: no decay)")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	for _, d := range []string{*from, *to} {
		if d != "" && !store.ValidDate(d) {
			return fmt.Errorf("%w: bad date %q (want YYYY-MM-DD)", errUsage, d)
		}
	}
	if *format != "text" && *format != "json" {
		return fmt.Errorf("%w: unknown format %q (want text or json)", errUsage, *format)
	}
	if *windows < 1 || (*windows > 1 && (*from == "" || *to == "")) {
		return fmt.Errorf("%w: --windows N needs N >= 1, and --from and --to when N > 1", errUsage)
	}
	hl := *halfLife
	if hl == 0 {
		hl = -1
	}
	st, err := openReadStore(ctx, *db, *pg, *schema)
	if err != nil {
		return err
	}
	defer st.Close()
	in, err := alignments.Load(ctx, st, alignments.Filter{From: *from, To: *to, Story: *story})
	if err != nil {
		return err
	}
	wins, err := splitWindows(*from, *to, *windows)
	if err != nil {
		return err
	}
	var results []alignments.Result
	for _, w := range wins {
		results = append(results, alignments.Analyze(in, alignments.Options{From: w[0], To: w[1], HalfLife: hl}))
	}
	var shifts [][]alignments.Shift
	for i := 1; i < len(results); i++ {
		shifts = append(shifts, alignments.Shifts(results[i-1], results[i]))
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Windows []alignments.Result  `json:"windows"`
			Shifts  [][]alignments.Shift `json:"shifts,omitempty"`
		}{results, shifts})
	}
	for i, r := range results {
		if i > 0 {
			fmt.Fprintln(stdout)
			for _, s := range shifts[i-1] {
				fmt.Fprintf(stdout, "Shift: %s was with %v, now with %v (after %v)\n", s.Actor, s.Before, s.After, s.Events)
			}
		}
		if err := alignments.WriteText(stdout, r, in.Texts); err != nil {
			return err
		}
	}
	return nil
}

// splitWindows cuts [from, to] into n windows of equal length in days.
func splitWindows(from, to string, n int) ([][2]string, error) {
	if n <= 1 {
		return [][2]string{{from, to}}, nil
	}
	f, err := time.Parse("2006-01-02", from)
	if err != nil {
		return nil, err
	}
	t, err := time.Parse("2006-01-02", to)
	if err != nil {
		return nil, err
	}
	days := int(t.Sub(f).Hours()/24) + 1
	if days < n {
		return nil, fmt.Errorf("%w: %d windows in %d days", errUsage, n, days)
	}
	var out [][2]string
	for i := 0; i < n; i++ {
		a := f.AddDate(0, 0, i*days/n)
		b := f.AddDate(0, 0, (i+1)*days/n-1)
		out = append(out, [2]string{a.Format("2006-01-02"), b.Format("2006-01-02")})
	}
	return out, nil
}
