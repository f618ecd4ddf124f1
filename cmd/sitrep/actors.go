package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/actors"
	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/segment"
)

func init() {
	evalTasks["ner"] = runEvalNER
	trainTasks["ner"] = runTrainNER
	commands["actors"] = command{"print the actor mentions of article files as JSONL (--actors/--agents FILE load PETRARCH/Phoenix dictionaries)", runActors}
}

// listFlag collects a repeatable string flag.
type listFlag []string

// String joins the values (flag.Value).
func (l *listFlag) String() string { return strings.Join(*l, ",") }

// Set adds a value (flag.Value).
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// dictFlags registers --actors and --agents on fs.
func dictFlags(fs *flag.FlagSet) (actorFiles, agentFiles *listFlag) {
	actorFiles, agentFiles = new(listFlag), new(listFlag)
	fs.Var(actorFiles, "actors", "PETRARCH/Phoenix actor dictionary to load (repeatable)")
	fs.Var(agentFiles, "agents", "PETRARCH/Phoenix agent dictionary to load (repeatable)")
	return actorFiles, agentFiles
}

// newResolver builds the resolver over the built-in base and the given
// dictionaries.
func newResolver(actorFiles, agentFiles []string) (*actors.Resolver, error) {
	kb, err := actors.Default()
	if err != nil {
		return nil, err
	}
	d, err := loadDict(actorFiles, agentFiles)
	if err != nil || d == nil {
		return actors.NewResolver(kb), err
	}
	return actors.NewResolver(kb, d), nil
}

// loadDict reads PETRARCH/Phoenix actor and agent dictionaries into one
// Dict, or returns nil when no file is given.
func loadDict(actorFiles, agentFiles []string) (*actors.Dict, error) {
	if len(actorFiles) == 0 && len(agentFiles) == 0 {
		return nil, nil
	}
	open := func(paths []string) ([]io.Reader, func(), error) {
		var rs []io.Reader
		var fs []*os.File
		closeAll := func() {
			for _, f := range fs {
				f.Close()
			}
		}
		for _, p := range paths {
			f, err := os.Open(p)
			if err != nil {
				closeAll()
				return nil, nil, err
			}
			fs = append(fs, f)
			rs = append(rs, f)
		}
		return rs, closeAll, nil
	}
	ar, closeA, err := open(actorFiles)
	if err != nil {
		return nil, err
	}
	defer closeA()
	gr, closeG, err := open(agentFiles)
	if err != nil {
		return nil, err
	}
	defer closeG()
	d, err := actors.LoadPhoenix(ar, gr)
	if err != nil {
		return nil, err
	}
	return d, nil
}

// runEvalNER scores name recognition (PER, ORG, LOC) on an IOB2 file. The
// last stdout line is a JSON object with precision, recall and F1.
func runEvalNER(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval ner", "--data FILE.iob2 [--rules]", stderr)
	data := fs.String("data", "../shared/data/uner-ewt/en_ewt-ud-test.iob2", "IOB2 file (Universal NER layout)")
	rules := fs.Bool("rules", false, "recognise names with the rules alone, without the embedded model")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	f, err := os.Open(*data)
	if err != nil {
		return err
	}
	defer f.Close()
	sents, err := actors.ReadIOB2(f)
	if err != nil {
		return fmt.Errorf("%s: %w", *data, err)
	}
	r, err := newResolver(nil, nil)
	if err != nil {
		return err
	}
	if *rules {
		r = r.WithNER(nil)
	}
	s := r.EvalNER(sents)
	fmt.Fprintf(stdout, "ner: %d sentences, %d gold, %d predicted, %d correct; precision %.4f, recall %.4f, F1 %.4f",
		len(sents), s.Gold, s.Predicted, s.Correct, s.Precision, s.Recall, s.F1)
	kinds := make([]string, 0, len(s.PerKind))
	for k := range s.PerKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Fprintf(stdout, "; %s F1 %.4f", k, s.PerKind[k].F1)
	}
	fmt.Fprintln(stdout)
	round := func(x float64) float64 { return float64(int64(x*10000+0.5)) / 10000 }
	per := map[string]float64{}
	for k, v := range s.PerKind {
		per[strings.ToLower(k)+"_f1"] = round(v.F1)
	}
	b, err := json.Marshal(struct {
		Precision float64            `json:"precision"`
		Recall    float64            `json:"recall"`
		F1        float64            `json:"f1"`
		Gold      int                `json:"gold"`
		Predicted int                `json:"predicted"`
		PerKind   map[string]float64 `json:"per_kind"`
	}{round(s.Precision), round(s.Recall), round(s.F1), s.Gold, s.Predicted, per})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\n", b)
	return nil
}

// runTrainNER trains the name recognition model from GUM entity
// annotation and IOB2 files, and writes it (gzip) to --out.
func runTrainNER(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("train ner", "[--gum DIR] [--data FILE.iob2]... [--treebank FILE.conllu] [--passes N] [--out FILE]", stderr)
	gum := fs.String("gum", "../shared/data/gum-news/dep", "directory of GUM CoNLL-U files with entity annotation (\"\" for none)")
	var data listFlag
	fs.Var(&data, "data", "IOB2 training file (repeatable; default the UNER EWT dev split)")
	passes := fs.Int("passes", 10, "training passes")
	treebank := fs.String("treebank", "../shared/data/ud-ewt/en_ewt-ud-train.conllu", "CoNLL-U treebank for the word lexicon and the proper-noun detector (\"\" for none)")
	out := fs.String("out", "internal/actors/kb/ner.model.gz", "model file to write")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	if len(data) == 0 {
		data = listFlag{"../shared/data/uner-ewt/en_ewt-ud-dev.iob2"}
	}
	var sents []actors.IOBSentence
	if *gum != "" {
		files, err := filepath.Glob(filepath.Join(*gum, "*.conllu"))
		if err != nil {
			return err
		}
		sort.Strings(files)
		for _, p := range files {
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			s, err := actors.ReadGUMNames(f)
			f.Close()
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			sents = append(sents, s...)
		}
	}
	for _, p := range data {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		s, err := actors.ReadIOB2(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		sents = append(sents, s...)
	}
	if len(sents) == 0 {
		return fmt.Errorf("%w: no training sentences", errUsage)
	}
	r, err := newResolver(nil, nil)
	if err != nil {
		return err
	}
	r = r.WithNER(nil)
	var lex map[string]uint8
	var det *actors.NERModel
	if *treebank != "" {
		f, err := os.Open(*treebank)
		if err != nil {
			return err
		}
		lex, err = actors.Lexicon(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", *treebank, err)
		}
		if f, err = os.Open(*treebank); err != nil {
			return err
		}
		runs, err := actors.ReadPROPNRuns(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", *treebank, err)
		}
		det = r.TrainDetector(runs, 5, lex)
	}
	m := r.TrainNER(sents, *passes, lex, det)
	if err := writeFileAtomic(*out, func(w io.Writer) error {
		_, err := m.WriteTo(w)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "ner: trained on %d sentences, %d passes, %d features; wrote %s\n", len(sents), *passes, m.Features(), *out)
	return nil
}

// runActors annotates article files and prints one mention record per
// line: {"type":"mention","article":ID,"start":…,"end":…,"text":…,
// "actor":…,"sector":…,"person":…}. Offsets are bytes into the article's
// clean text (the "text" field of its article record).
func runActors(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("actors", "[--actors FILE]... [--agents FILE]... [--published YYYY-MM-DD] FILE...", stderr)
	actorFiles, agentFiles := dictFlags(fs)
	published := fs.String("published", "", "publication date to use when a file has none (selects offices held)")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fmt.Errorf("%w: actors needs at least one file", errUsage)
	}
	r, err := newResolver(*actorFiles, *agentFiles)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		format := "txt"
		if ext := strings.ToLower(filepath.Ext(p)); ext == ".html" || ext == ".htm" {
			format = "html"
		}
		a, rej := extract.Extract(model.Document{Path: p, Format: format, Container: format, Raw: string(raw), Meta: model.Meta{Published: *published}})
		if rej != nil {
			fmt.Fprintf(stderr, "%s\n", rej)
			continue
		}
		segment.Segment(a, segment.Options{})
		r.Annotate(a)
		for _, m := range a.Mentions {
			if err := enc.Encode(mentionRecord(a.ID, m)); err != nil {
				return err
			}
		}
	}
	return nil
}

// mentionRecordT is the export shape of one mention.
type mentionRecordT struct {
	Type    string  `json:"type"`
	Article string  `json:"article"`
	Start   int     `json:"start"`
	End     int     `json:"end"`
	Text    string  `json:"text"`
	Kind    string  `json:"kind"`
	Actor   *string `json:"actor"`
	Sector  *string `json:"sector"`
	Person  *string `json:"person"`
	Entity  int     `json:"entity"`
	Via     string  `json:"via"`
}

func mentionRecord(id string, m model.Mention) mentionRecordT {
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	return mentionRecordT{Type: "mention", Article: id, Start: m.Span.Start, End: m.Span.End, Text: m.Text, Kind: m.Kind,
		Actor: opt(m.Actor), Sector: opt(m.Sector), Person: opt(m.Person), Entity: m.Entity, Via: m.Via}
}
